using System.Net;
using System.Reflection;
using Notes.Tests.Infrastructure;

namespace Notes.Tests;

public sealed class VersionTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData("1.2.3+Sha." + Sha, "1.2.3", Sha)]
    [InlineData("1.2.3+" + Sha, "1.2.3", Sha)]
    [InlineData("1.2.3-beta.4+12.Branch.main.Sha." + Sha, "1.2.3-beta.4", Sha)]
    [InlineData("1.2.3+Sha." + Sha + "." + Sha, "1.2.3", Sha)] // -p:InformationalVersion and -p:SourceRevisionId both given
    [InlineData("1.2.3+0123ABC", "1.2.3", "0123abc")]
    [InlineData("1.2.3", "1.2.3", "unknown")]
    [InlineData("1.2.3+build.7", "1.2.3", "unknown")]
    [InlineData("1.2.3+", "1.2.3", "unknown")]
    [InlineData("0.0.0-local", "0.0.0-local", "unknown")]
    [InlineData("", "0.0.0-local", "unknown")]
    [InlineData(null, "0.0.0-local", "unknown")]
    public void Informational_version_splits_into_semver_and_commit(string? informational, string version, string commit)
    {
        var parsed = VersionInfo.Parse(informational);

        Assert.Equal(version, parsed.Version);
        Assert.Equal(commit, parsed.Commit);
    }

    [Fact]
    public async Task Endpoint_reports_what_the_assembly_was_stamped_with()
    {
        using var data = new TempDataDirectory();
        await using var app = new NotesAppFactory(data.Path);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reported = await response.ReadAsAsync<VersionDto>();
        var stamped = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = VersionInfo.Parse(stamped);
        Assert.Equal(expected.Version, reported.Version);
        Assert.Equal(expected.Commit, reported.Commit);
        Assert.DoesNotContain("+", reported.Version);
    }
}
