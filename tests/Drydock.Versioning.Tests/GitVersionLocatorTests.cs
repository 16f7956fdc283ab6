namespace Drydock.Versioning.Tests;

public sealed class GitVersionLocatorTests
{
    [Fact]
    public void The_restored_cli_is_found_in_the_nuget_cache()
    {
        var locator = new GitVersionLocator();

        Assert.Equal("6.8.2", locator.Version);
        Assert.True(File.Exists(locator.Locate()));
    }

    [Fact]
    public void A_missing_cli_says_where_it_looked_and_to_restore()
    {
        var empty = Directory.CreateTempSubdirectory("drydock-nuget-").FullName;
        try
        {
            var error = Assert.Throws<VersioningException>(() => new GitVersionLocator([empty], "6.8.2").Locate());

            Assert.Contains(Path.Combine(empty, "gitversion.msbuild", "6.8.2", "tools"), error.Message);
            Assert.Contains("Run 'dotnet restore'", error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Another_package_root_is_searched_when_the_first_lacks_the_cli()
    {
        var root = Directory.CreateTempSubdirectory("drydock-nuget-").FullName;
        try
        {
            var dll = Path.Combine(root, "gitversion.msbuild", "6.8.2", "tools", "net9.0", "gitversion.dll");
            Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
            File.WriteAllText(dll, string.Empty);

            Assert.Equal(dll, new GitVersionLocator(["/nonexistent", root], "6.8.2").Locate());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
