using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Drydock.Acme.Tests;

public sealed class StoreTests : IDisposable
{
    private readonly string _root = RepositoryRoot.Temp($"acme-unit-store-{Guid.NewGuid():N}");
    private static readonly Uri Directory1 = new("https://acme-v02.api.letsencrypt.org/directory");

    [Fact]
    public void The_account_key_is_created_once_mode_600_and_found_again()
    {
        var store = new CertificateStore(_root);

        using var created = store.LoadOrCreateAccountKey(Directory1);
        using var again = store.LoadOrCreateAccountKey(Directory1);
        using var otherCa = store.LoadOrCreateAccountKey(new Uri("https://acme-staging-v02.api.letsencrypt.org/directory"));

        Assert.Equal(created.Thumbprint, again.Thumbprint);
        Assert.NotEqual(created.Thumbprint, otherCa.Thumbprint);
        var path = store.AccountKeyPath(Directory1);
        Assert.StartsWith(Path.Combine(_root, "accounts", "acme-v02.api.letsencrypt.org-"), path);
        AssertOwnerOnly(path);
    }

    [Fact]
    public void A_certificate_and_its_key_are_one_mode_600_file_replaced_whole()
    {
        var store = new CertificateStore(_root);
        var first = SelfSigned("notes.example.org", "www.notes.example.org");
        var second = SelfSigned("notes.example.org", "www.notes.example.org");

        store.Save("Notes.example.org", first);
        store.Save("notes.example.org", second);

        var path = store.CertificatePath("notes.example.org");
        AssertOwnerOnly(path);
        AssertOwnerOnly(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Equal([Path.GetFileName(path)], System.IO.Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        var loaded = store.Load("notes.example.org")!;
        Assert.Equal(second.Facts.Thumbprint, loaded.Facts.Thumbprint);
        Assert.NotEqual(first.Facts.Thumbprint, loaded.Facts.Thumbprint);
        Assert.Equal(second.PrivateKeyPem.Trim(), loaded.PrivateKeyPem.Trim());
        using var served = loaded.ToServerCertificate();
        Assert.True(served.HasPrivateKey);
        var stored = Assert.Single(store.ReadAll());
        Assert.Equal("notes.example.org", stored.Id);
        Assert.Equal(["notes.example.org", "www.notes.example.org"], stored.Facts.Names.Select(n => n.Value));
    }

    [Fact]
    public void Nothing_stored_reads_as_an_empty_snapshot() => Assert.Empty(new CertificateStore(_root).ReadAll());

    [Fact]
    public void The_certificate_value_never_prints_its_key()
    {
        var certificate = SelfSigned("a.example.org");

        Assert.DoesNotContain("PRIVATE", certificate.ToString());
        Assert.Contains("a.example.org", certificate.ToString());
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_root))
            System.IO.Directory.Delete(_root, recursive: true);
    }

    internal static IssuedCertificate SelfSigned(params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
            san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(90));
        return new IssuedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static void AssertOwnerOnly(string path, UnixFileMode expected = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        if (!OperatingSystem.IsWindows())
            Assert.Equal(expected, File.GetUnixFileMode(path));
    }
}
