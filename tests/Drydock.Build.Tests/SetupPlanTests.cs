using Drydock.Build.Setup;

namespace Drydock.Build.Tests;

/// <summary>Setup decided as data: what it writes, what it refuses, and what it tells the team.</summary>
public sealed class SetupPlanTests
{
    private static readonly SetupInputs Inputs = new("1.2.0", "/drydock/artifacts/packages", "#!/usr/bin/env bash\n", "# ps1\n", """{ "sdk": { "version": "10.0.401" } }""");

    private static RepositorySnapshot Repository(IReadOnlyList<WebProject> projects, params string[] existing) =>
        new("/repo", true, projects, existing.ToHashSet(StringComparer.Ordinal), UnignoredOutputs: []);

    private static readonly WebProject Api = new("src/Api/Api.csproj", "/healthz");

    [Fact]
    public void A_plain_repository_gets_the_build_the_bootstrap_the_settings_ci_and_global_json_referencing_the_packed_version()
    {
        var plan = SetupPlan.Decide(Repository([Api]), Inputs);

        Assert.Null(plan.Refusal);
        Assert.Equal(
            ["build/_build.csproj", "build/Build.cs", "build/Directory.Build.props", "build/Directory.Packages.props", "build.sh", "build.ps1",
             ".nuke/parameters.json", ".nuke/environments/local.json", ".github/workflows/build.yml", "global.json", "build/nuget.config"],
            plan.Files.Select(f => f.Path));
        Assert.Contains("""<PackageReference Include="Drydock.Build" Version="1.2.0" />""", Text(plan, "build/_build.csproj"));
        foreach (var xml in plan.Files.Where(f => f.Path.EndsWith("proj") || f.Path.EndsWith(".props") || f.Path.EndsWith(".config")))
            System.Xml.Linq.XDocument.Parse(xml.Content);
        Assert.Contains("class Build : ServiceBuild", Text(plan, "build/Build.cs"));
        Assert.Contains("\"Project\": \"src/Api/Api.csproj\"", Text(plan, ".nuke/parameters.json"));
        Assert.Contains("\"healthPath\": \"/healthz\"", Text(plan, ".nuke/environments/local.json"));
        Assert.Contains("value=\"/drydock/artifacts/packages\"", Text(plan, "build/nuget.config"));
        Assert.Equal(Inputs.BuildSh, Text(plan, "build.sh"));
        Assert.Equal(["git add -A && git commit -m \"Build and deploy with Drydock\"", "./build.sh Deploy"], plan.NextCommands);
    }

    [Fact]
    public void A_project_path_or_health_path_with_quotes_or_backslashes_is_written_as_valid_json_holding_that_path()
    {
        var odd = new WebProject("src/My\", \"Injected\": \"x/Api.csproj", "/he\\alth");
        var plan = SetupPlan.Decide(Repository([odd]), Inputs);

        using var parameters = System.Text.Json.JsonDocument.Parse(Text(plan, ".nuke/parameters.json"));
        Assert.Equal(["$schema", "Project"], parameters.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(odd.RelativePath, parameters.RootElement.GetProperty("Project").GetString());
        using var local = System.Text.Json.JsonDocument.Parse(Text(plan, ".nuke/environments/local.json"));
        Assert.Equal(odd.HealthPath, local.RootElement.GetProperty("healthPath").GetString());
        Assert.Equal(8080, local.RootElement.GetProperty("hostPort").GetInt32());
    }

    [Fact]
    public void Existing_files_are_listed_and_nothing_is_written()
    {
        var plan = SetupPlan.Decide(Repository([Api], "build.sh", "build/Build.cs"), Inputs);

        Assert.Empty(plan.Files);
        Assert.Contains("build/Build.cs, build.sh", plan.Refusal);
        Assert.Contains("never overwrites", plan.Refusal);
    }

    [Fact]
    public void A_global_json_of_its_own_is_kept_and_said_so()
    {
        var plan = SetupPlan.Decide(Repository([Api], "global.json"), Inputs);

        Assert.Null(plan.Refusal);
        Assert.DoesNotContain(plan.Files, f => f.Path == "global.json");
        Assert.Contains(plan.Notes, n => n.Contains("global.json was kept"));
    }

    [Fact]
    public void Without_a_health_check_the_notes_say_what_to_set_and_the_environment_names_no_path()
    {
        var plan = SetupPlan.Decide(Repository([Api with { HealthPath = null }]), Inputs);

        Assert.DoesNotContain("healthPath", Text(plan, ".nuke/environments/local.json"));
        Assert.Contains(plan.Notes, n => n.Contains("maps no health check") && n.Contains("\"healthPath\""));
    }

    [Fact]
    public void Several_web_projects_ship_the_first_and_name_the_others_with_their_project_option()
    {
        var plan = SetupPlan.Decide(Repository([Api, new("src/Admin/Admin.csproj", null)]), Inputs);

        Assert.Contains("\"Project\": \"src/Api/Api.csproj\"", Text(plan, ".nuke/parameters.json"));
        Assert.Contains(plan.Notes, n => n.Contains("--project src/Admin/Admin.csproj"));
    }

    [Fact]
    public void No_web_project_or_no_folder_is_refused_with_what_to_do()
    {
        Assert.Contains("dotnet new webapi", SetupPlan.Decide(Repository([]), Inputs).Refusal);
        Assert.Contains("does not exist", SetupPlan.Decide(new RepositorySnapshot("/nope", false, [], new HashSet<string>(), []), Inputs).Refusal);
    }

    [Fact]
    public void A_package_from_the_teams_own_feed_writes_no_nuget_config_and_unignored_output_is_named()
    {
        var plan = SetupPlan.Decide(Repository([Api]) with { UnignoredOutputs = ["bin/"] }, Inputs with { LocalFeed = null });

        Assert.DoesNotContain(plan.Files, f => f.Path == "build/nuget.config");
        Assert.Contains(plan.Notes, n => n.Contains(".gitignore"));
    }

    [Fact]
    public void Unignored_build_output_is_added_to_the_gitignore_keeping_what_it_held_or_creating_it()
    {
        var extended = SetupPlan.Decide(Repository([Api]) with { UnignoredOutputs = ["artifacts/", ".nuke/temp/"], GitIgnore = "bin/\nobj/" }, Inputs);
        Assert.Equal("bin/\nobj/\n\n# Drydock's build output\nartifacts/\n.nuke/temp/\n", Text(extended, ".gitignore"));
        Assert.Contains(extended.Notes, n => n.StartsWith("Extended .gitignore with artifacts/ .nuke/temp/", StringComparison.Ordinal));

        var created = SetupPlan.Decide(Repository([Api]) with { UnignoredOutputs = ["bin/", "obj/", "artifacts/", ".nuke/temp/"] }, Inputs);
        Assert.Equal("# Drydock's build output\nbin/\nobj/\nartifacts/\n.nuke/temp/\n", Text(created, ".gitignore"));
        Assert.Contains(created.Notes, n => n.StartsWith("Created .gitignore", StringComparison.Ordinal));

        Assert.DoesNotContain(SetupPlan.Decide(Repository([Api]), Inputs).Files, f => f.Path == ".gitignore");
    }

    private static string Text(SetupPlan plan, string path) => Assert.Single(plan.Files, f => f.Path == path).Content;
}
