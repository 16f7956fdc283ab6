using Drydock.Engine.Output;

namespace Drydock.Deploy.Tests;

public sealed class SecretTests
{
    [Fact]
    public void The_env_file_is_readable_by_its_owner_only_and_deleted_on_dispose()
    {
        string path;
        using (var file = EnvFile.Write(new Dictionary<string, string> { ["B_KEY"] = "two", ["A_KEY"] = "one=1" })!)
        {
            path = file.Path;
            Assert.Equal("A_KEY=one=1\nB_KEY=two\n", File.ReadAllText(path));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void No_secrets_no_env_file() => Assert.Null(EnvFile.Write(new Dictionary<string, string>()));

    [Fact]
    public void A_multi_line_secret_is_refused_without_showing_it()
    {
        var error = Assert.Throws<DeployException>(() => EnvFile.Render(new Dictionary<string, string> { ["CERT"] = "line1\nhunter2" }));
        Assert.Contains("CERT", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

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
