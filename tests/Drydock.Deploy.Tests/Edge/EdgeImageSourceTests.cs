
namespace Drydock.Deploy.Tests;

/// <summary>The edge image's tag: the same inputs give the same tag; only what decides the edge's build changes it.</summary>
public sealed class EdgeImageSourceTests : IDisposable
{
    private const string Base = "drydock/runtime-deps:10.0-40805057dc3e";
    private readonly TempDirectory _root = new();

    public EdgeImageSourceTests()
    {
        Write("src/Drydock.Edge/Drydock.Edge.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><Version>1.2.0</Version></PropertyGroup>
              <ItemGroup><PackageReference Include="Yarp.ReverseProxy" /></ItemGroup>
            </Project>
            """);
        Write("src/Drydock.Edge/Program.cs", "return 0;\n");
        Write("src/Drydock.Edge/Dockerfile", "FROM x\n");
        Write("src/Directory.Packages.props", Packages("""<PackageVersion Include="Yarp.ReverseProxy" Version="2.3.0" />"""));
        Write("global.json", "{}");
    }

    private EdgeImageSource Source => new(_root.Path);

    [Fact]
    public void The_tag_is_the_project_version_and_a_content_hash()
    {
        var hash = Source.ContentHash(Base);

        Assert.Equal("1.2.0", Source.Version());
        Assert.Matches("^[0-9a-f]{12}$", hash);
        Assert.Equal($"drydock/edge:1.2.0-{hash}", EdgeImage.Reference(Source.Version(), hash));
        Assert.Equal(hash, new EdgeImageSource(_root.Path).ContentHash(Base));
    }

    [Fact]
    public void A_change_to_the_edge_sources_the_base_image_or_its_package_versions_changes_the_hash()
    {
        var before = Source.ContentHash(Base);

        Assert.NotEqual(before, Source.ContentHash(Base + "0"));
        Write("src/Drydock.Edge/Program.cs", "return 1;\n");
        var sourceChanged = Source.ContentHash(Base);
        Write("src/Directory.Packages.props", Packages("""<PackageVersion Include="Yarp.ReverseProxy" Version="2.3.1" />"""));

        Assert.NotEqual(before, sourceChanged);
        Assert.NotEqual(sourceChanged, Source.ContentHash(Base));
    }

    [Fact]
    public void A_change_to_a_project_the_edge_references_changes_the_hash()
    {
        Write("src/Drydock.Edge/Drydock.Edge.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><Version>1.2.0</Version></PropertyGroup>
              <ItemGroup><PackageReference Include="Yarp.ReverseProxy" /></ItemGroup>
              <ItemGroup><ProjectReference Include="../Drydock.Acme/Drydock.Acme.csproj" /></ItemGroup>
            </Project>
            """);
        Write("src/Drydock.Acme/Drydock.Acme.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("src/Drydock.Acme/AcmeClient.cs", "class A {}\n");
        Write("src/Unrelated/Other.cs", "class O {}\n");
        var before = Source.ContentHash(Base);

        Write("src/Unrelated/Other.cs", "class O2 {}\n");
        Assert.Equal(before, Source.ContentHash(Base));
        Write("src/Drydock.Acme/AcmeClient.cs", "class B {}\n");
        Assert.NotEqual(before, Source.ContentHash(Base));
    }

    [Fact]
    public void Build_output_line_endings_and_other_projects_packages_do_not_change_the_hash()
    {
        var before = Source.ContentHash(Base);

        Write("src/Drydock.Edge/bin/Release/Drydock.Edge.dll", "binary");
        Write("src/Drydock.Edge/obj/project.assets.json", "{}");
        Write("src/Drydock.Edge/Program.cs", "return 0;\r\n");
        Write("src/Directory.Packages.props", Packages("""
            <PackageVersion Include="Yarp.ReverseProxy" Version="2.3.0" />
            <PackageVersion Include="Something.Else" Version="9.9.9" />
            """));

        Assert.Equal(before, Source.ContentHash(Base));
    }

    [Fact]
    public void The_source_hash_leaves_the_base_out_so_a_built_edge_is_found_without_resolving_the_base()
    {
        var before = Source.SourceHash();

        Assert.Matches("^[0-9a-f]{12}$", before);
        Assert.NotEqual(before, Source.ContentHash(Base));
        Write("src/Drydock.Edge/Program.cs", "return 2;\n");
        Assert.NotEqual(before, Source.SourceHash());
    }

    [Fact]
    public void Built_edges_are_looked_up_by_their_source_label()
    {
        Assert.Equal(["image", "ls", "--filter", "label=dev.drydock.edge.source-hash=abc", "--format", "{{json .}}"],
            new DockerImageListSettings(["dev.drydock.edge.source-hash=abc"]).ToArguments());
    }

    [Fact]
    public void Outside_a_drydock_checkout_it_says_where_it_looked()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => new EdgeImageSource(empty.Path).ContentHash(Base));

        Assert.Contains("Drydock.Edge.csproj", error.Message);
    }

    public void Dispose() => _root.Dispose();

    private static string Packages(string items) => $"<Project><ItemGroup>{items}</ItemGroup></Project>";

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
