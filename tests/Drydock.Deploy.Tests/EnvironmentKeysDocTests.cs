using Drydock.Testing;

namespace Drydock.Deploy.Tests;

/// <summary>
/// docs/environments.md's keys table is the one <see cref="EnvironmentKeysTable"/> renders from the declarations.
/// To regenerate it after changing a declaration: DRYDOCK_UPDATE_DOCS=1 dotnet test tests/Drydock.Deploy.Tests --filter EnvironmentKeysDocTests
/// </summary>
public sealed class EnvironmentKeysDocTests
{
    [Fact]
    public void The_environments_page_shows_the_table_the_declarations_render()
    {
        var path = Path.Combine(RepositoryRoot.Path, "docs", "environments.md");
        var page = File.ReadAllText(path);
        var expected = EnvironmentKeysTable.Replace(page, EnvironmentKeysTable.Render());
        if (page != expected && System.Environment.GetEnvironmentVariable("DRYDOCK_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            page = expected;
        }
        Assert.True(page == expected,
            $"{path}'s environment keys table is not the one the declarations (EnvironmentSettingTable) render. Regenerate it with "
            + "DRYDOCK_UPDATE_DOCS=1 dotnet test tests/Drydock.Deploy.Tests --filter EnvironmentKeysDocTests, or paste:\n" + EnvironmentKeysTable.Render());
    }

    [Fact]
    public void A_page_without_the_markers_is_refused_naming_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EnvironmentKeysTable.Replace("# Environments\n", "| a |\n"));
        Assert.Contains(EnvironmentKeysTable.Begin, error.Message);
        Assert.Equal($"x\n{EnvironmentKeysTable.Begin}\n| a |\n{EnvironmentKeysTable.End}\ny", EnvironmentKeysTable.Replace($"x\n{EnvironmentKeysTable.Begin}\nold\n{EnvironmentKeysTable.End}\ny", "| a |\n"));
    }
}
