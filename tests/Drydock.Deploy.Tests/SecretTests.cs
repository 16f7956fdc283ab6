using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

public sealed class SecretTests
{
    [Fact]
    public void Secrets_are_read_by_name_and_registered_with_the_masker()
    {
        var masker = new SecretMasker();
        var values = SecretEnvironment.Resolve(["API_KEY"], name => name == "API_KEY" ? "very-secret" : null, masker);

        Assert.Equal("very-secret", values["API_KEY"]);
        Assert.Equal($"key={SecretMasker.Mask}", masker.Apply("key=very-secret"));
    }

    [Fact]
    public void A_missing_secret_fails_before_anything_changes()
    {
        var error = Assert.Throws<DeployException>(() => SecretEnvironment.Resolve(["API_KEY", "DB_PASSWORD"], name => name == "API_KEY" ? "x" : null, null));
        Assert.Contains("DB_PASSWORD", error.Message);
        Assert.DoesNotContain("API_KEY", error.Message);
    }
}
