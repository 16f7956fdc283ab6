namespace Drydock.Packaging.Tests;

public sealed class DockerfileTemplateTests
{
    private static readonly string Dockerfile = DockerfileTemplate.Render("Notes", "/healthz");

    [Fact]
    public void The_entrypoint_runs_the_published_apphost_in_exec_form() =>
        Assert.Contains("ENTRYPOINT [\"/app/Notes\"]", Dockerfile);

    [Fact]
    public void The_base_image_is_a_required_build_arg() =>
        Assert.Contains("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n", Dockerfile);

    [Fact]
    public void The_app_runs_as_the_non_root_app_user_on_port_8080_and_cannot_rewrite_its_code()
    {
        Assert.Contains("\nCOPY . /app/\n", Dockerfile);
        Assert.DoesNotContain("--chown=1654:1654 . /app", Dockerfile);
        Assert.Contains("\nUSER 1654\n", Dockerfile);
        Assert.Contains("    ASPNETCORE_HTTP_PORTS=8080\n", Dockerfile);
        Assert.Contains("\nEXPOSE 8080\n", Dockerfile);
    }

    /// <summary>An app keeping its SQLite file on /data must own the mount point, or it crashes when it first writes.</summary>
    [Fact]
    public void The_data_volume_mount_point_belongs_to_the_app_user_so_the_app_can_write_its_state()
    {
        Assert.Contains("\nCOPY --chown=1654:1654 data/ /data/\n", Dockerfile);
        Assert.Contains("\nENV DATA_DIR=/data ", Dockerfile);
        // Before USER, so it is the build (not the app) that creates it.
        Assert.True(Dockerfile.IndexOf("data/ /data/", StringComparison.Ordinal) < Dockerfile.IndexOf("\nUSER 1654", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_app_files_and_the_labels_come_after_the_steps_every_release_shares()
    {
        var copy = Dockerfile.IndexOf("\nCOPY . /app/\n", StringComparison.Ordinal);
        var afterCopy = Dockerfile[copy..].Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith(' ')).ToArray();
        Assert.Equal(["COPY . /app/", "LABEL org.opencontainers.image.title=\"Notes\" \\"], afterCopy);
    }

    [Fact]
    public void The_oci_labels_come_from_build_args_and_record_the_health_path()
    {
        foreach (var arg in new[] { "VERSION", "REVISION", "SOURCE", "CREATED" })
            Assert.Contains($"\nARG {arg}\n", Dockerfile);
        Assert.Contains("org.opencontainers.image.version=\"${VERSION}\"", Dockerfile);
        Assert.Contains("org.opencontainers.image.revision=\"${REVISION}\"", Dockerfile);
        Assert.Contains("org.opencontainers.image.source=\"${SOURCE}\"", Dockerfile);
        Assert.Contains("org.opencontainers.image.created=\"${CREATED}\"", Dockerfile);
        Assert.Contains("org.opencontainers.image.title=\"Notes\"", Dockerfile);
        Assert.Contains("dev.drydock.health-path=\"/healthz\"", Dockerfile);
    }

    [Fact]
    public void Nothing_needs_a_shell_the_distroless_base_does_not_have()
    {
        var instructions = Dockerfile.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith(' '));

        Assert.DoesNotContain(instructions, line => line.StartsWith("RUN", StringComparison.Ordinal));
        Assert.Contains("\nHEALTHCHECK NONE\n", Dockerfile);
        Assert.DoesNotContain("{{", Dockerfile);
    }

    [Fact]
    public void The_same_inputs_render_the_same_text() =>
        Assert.Equal(Dockerfile, DockerfileTemplate.Render("Notes", "/healthz"));

    [Theory]
    [InlineData("Notes\"]")]
    [InlineData("My App")]
    [InlineData("")]
    [InlineData("../Notes")]
    public void An_assembly_name_that_would_break_the_entrypoint_is_refused(string assemblyName) =>
        Assert.Equal("assemblyName", Assert.Throws<ArgumentException>(() => DockerfileTemplate.Render(assemblyName, "/healthz")).ParamName);

    [Theory]
    [InlineData("healthz")]
    [InlineData("/health z")]
    [InlineData("/health\"")]
    [InlineData("/$HOME")]
    public void A_health_path_that_would_break_the_label_is_refused(string healthPath) =>
        Assert.Equal("healthPath", Assert.Throws<ArgumentException>(() => DockerfileTemplate.Render("Notes", healthPath)).ParamName);

    [Fact]
    public void A_health_path_with_a_query_is_accepted() =>
        Assert.Contains("dev.drydock.health-path=\"/health/ready?full=1\"", DockerfileTemplate.Render("Notes", "/health/ready?full=1"));
}
