using Drydock.Docker;

namespace Drydock.Deploy.Tests;

/// <summary>The host-wide edge's settings: read from the environment file beside the release's, validated with errors naming the key and the fix.</summary>
public sealed class EnvironmentHttpsTests
{
    private const string File = """
        { "hostPort": 8081, "hosts": ["notes.example.org"], "httpPort": 8000, "httpsPort": 8443, "tls": "acme",
          "acmeDirectory": "letsencrypt-staging", "acmeEmail": "ops@example.org" }
        """;

    [Fact]
    public void The_keys_are_read_apart_from_the_release_configuration_and_never_recorded_with_it()
    {
        var https = EnvironmentHttps.Parse(File);
        var config = EnvironmentConfigFile.Parse(File);

        Assert.Equal(["notes.example.org"], https.Hosts);
        Assert.Equal((8000, 8443), (https.HttpPort, https.HttpsPort));
        Assert.Equal(EnvironmentHttps.LetsEncryptStaging, https.Directory);
        Assert.Equal(8081, config.HostPort);
        Assert.DoesNotContain("hosts", EnvironmentConfigFile.Serialize(config));
    }

    [Fact]
    public void Defaults_are_80_443_acme_and_lets_encrypt_production()
    {
        var https = EnvironmentHttps.Parse("""{ "hosts": ["a.example.org"] }""");

        Assert.Equal((80, 443, HostTlsMode.Acme), (https.HttpPort, https.HttpsPort, https.Tls));
        Assert.Equal(EnvironmentHttps.LetsEncrypt, https.Directory);
        Assert.True(https.HostRouted);
        Assert.False(new EnvironmentHttps().HostRouted);
    }

    [Fact]
    public void Every_problem_is_named_with_its_key_and_fix_at_once()
    {
        var https = new EnvironmentHttps
        {
            Hosts = ["*.example.org", "localhost"], HttpPort = 0, HttpsPort = 0, AcmeDirectory = "http://acme.example.org/dir",
            AcmeEmail = "nobody", AcmeCaBundle = "/nowhere/ca.pem",
        };

        var error = Assert.Throws<DeployException>(() => https.Validate(_ => false)).Message;

        Assert.Contains("hosts: '*.example.org' is a wildcard", error);
        Assert.Contains("'localhost' has a single label", error);
        Assert.Contains("httpPort 0 is not a port", error);
        Assert.Contains("acmeDirectory 'http://acme.example.org/dir' is not an https URL", error);
        Assert.Contains("acmeEmail 'nobody' is not an e-mail address", error);
        Assert.Contains("acmeCaBundle '/nowhere/ca.pem' does not exist", error);
        Assert.EndsWith("Nothing was changed.", error);
    }

    [Fact]
    public void Files_needs_both_the_certificate_and_the_key_and_says_how_to_pass_them()
    {
        var error = Assert.Throws<DeployException>(() => new EnvironmentHttps { Hosts = ["a.example.org"], Tls = HostTlsMode.Files }.Validate()).Message;

        Assert.Contains("tlsCertificate is missing: pass --tls-certificate", error);
        Assert.Contains("tlsKey is missing: pass --tls-key", error);
    }

    [Fact]
    public void A_secret_that_is_neither_a_pem_nor_a_file_is_refused_without_showing_it()
    {
        var error = Assert.Throws<DeployException>(() => EnvironmentHttps.ReadPem("not-a-pem-s3cr3t", "tlsKey")).Message;

        Assert.DoesNotContain("s3cr3t", error);
        Assert.Contains("tlsKey", error);
        Assert.Equal("-----BEGIN X-----", EnvironmentHttps.ReadPem("-----BEGIN X-----", "tlsKey"));
    }

    [Fact]
    public void An_unknown_value_names_the_keys_and_an_example()
    {
        var error = Assert.Throws<DeployException>(() => EnvironmentHttps.Parse("""{ "tls": "sometimes" }""")).Message;

        Assert.Contains("\"tls\": \"acme\"", error);
    }
}

/// <summary>The host-wide edge container as data: its docker arguments, ports and fingerprint.</summary>
public sealed class HostEdgeSpecTests
{
    private static readonly HostEdgeSpec Spec = new("drydock-edge-host", "drydock/edge:1", 80, 443, "0.0.0.0", EnvironmentHttps.LetsEncrypt) { AcmeEmail = "ops@example.org" };

    [Fact]
    public void It_publishes_80_and_443_onto_unprivileged_container_ports_and_has_no_admin_port()
    {
        var arguments = string.Join(' ', Spec.ToRunSettings().ToArguments());

        Assert.Contains("--publish 0.0.0.0:80:8080", arguments);
        Assert.Contains("--publish 0.0.0.0:443:8443", arguments);
        Assert.Contains("EDGE_ADMIN_PORT=off", arguments);
        Assert.Contains("EDGE_HTTPS_PUBLIC_PORT=443", arguments);
        Assert.Contains("EDGE_ACME_EMAIL=ops@example.org", arguments);
        Assert.Contains("--read-only", arguments);
        Assert.DoesNotContain("EDGE_ACME_CA_BUNDLE", arguments);
        Assert.Contains("drydock-edge-host-state:/state", arguments);
    }

    [Fact]
    public void A_ca_bundle_is_mounted_from_its_own_volume_and_changes_the_fingerprint()
    {
        var withBundle = Spec with { CaBundlePem = "-----BEGIN CERTIFICATE-----" };

        Assert.Contains("EDGE_ACME_CA_BUNDLE=/acme/ca-bundle.pem", string.Join(' ', withBundle.ToRunSettings().ToArguments()));
        Assert.NotEqual(Spec.Fingerprint(), withBundle.Fingerprint());
        Assert.NotEqual(Spec.Fingerprint(), (Spec with { HttpsPort = 8443 }).Fingerprint());
    }

    [Fact]
    public void Network_connect_is_rendered_as_docker_reads_it()
    {
        Assert.Equal(["network", "connect", "drydock-notes-prod", "drydock-edge-host"], new DockerNetworkConnectSettings("drydock-notes-prod", "drydock-edge-host").ToArguments());
    }
}
