using System.Xml.Linq;
using Drydock.DotNet.Packages;

namespace Drydock.Build.Tests;

/// <summary>Packages are immutable like images: a version goes to a feed once, from one commit.</summary>
public sealed class PackagePushDecisionTests
{
    private static readonly PackageFile Packed = new("Drydock.Build", "1.2.0", "0123456789abcdef");

    [Fact]
    public void A_version_the_feed_lacks_is_pushed_one_from_this_commit_is_skipped()
    {
        Assert.Equal(PackagePushAction.Push, PackagePushDecision.For(Packed, null).Action);
        Assert.Equal(PackagePushAction.AlreadyPublished, PackagePushDecision.For(Packed, Packed).Action);
    }

    [Fact]
    public void A_version_from_another_or_an_unknown_commit_is_refused_naming_both_and_the_fix()
    {
        var other = PackagePushDecision.For(Packed, Packed with { Commit = "fedcba9876543210" });
        var unknown = PackagePushDecision.For(Packed, Packed with { Commit = null });

        Assert.Equal(PackagePushAction.Refuse, other.Action);
        Assert.Contains("commit fedcba9", other.Explanation);
        Assert.Contains("(0123456)", other.Explanation);
        Assert.Contains("run Pack again", other.Explanation);
        Assert.Equal(PackagePushAction.Refuse, unknown.Action);
    }

    [Fact]
    public void The_nuspec_gives_id_version_and_the_commit_packed_from()
    {
        var nuspec = XDocument.Parse("""
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>Drydock.Build</id><version>1.2.0</version><repository type="git" commit="0123456789abcdef" /></metadata>
            </package>
            """);

        Assert.Equal(Packed, PackageFile.FromNuspec(nuspec));
    }
}
