using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Tests;

/// <summary>The canary as data: the share a person types, and which side of the split a request goes to.</summary>
public sealed class CanaryAssignmentTests
{
    private static readonly CanarySeal Seal = CanarySeal.Ephemeral();

    [Theory]
    [InlineData("10%", 1000)]
    [InlineData("10", 1000)]
    [InlineData(" 2.5 % ", 250)]
    [InlineData("0.01%", 1)]
    [InlineData("99.99%", 9999)]
    public void A_share_is_a_percentage_strictly_between_none_and_all(string text, int basisPoints)
    {
        var share = CanaryShare.Parse(text);
        Assert.Equal(basisPoints, share.BasisPoints);
        Assert.Equal(share, CanaryShare.Parse(share.ToString()));
    }

    [Theory]
    [InlineData("0%", "strictly between 0% and 100%")]
    [InlineData("100%", "strictly between 0% and 100%")]
    [InlineData("0.001%", "strictly between 0% and 100%")]
    [InlineData("-5%", "not a share")]
    [InlineData("ten", "not a share")]
    [InlineData("", "not a share")]
    [InlineData("10%%", "not a share")]
    public void Anything_else_is_refused_naming_the_fix(string text, string problem)
    {
        Assert.Null(CanaryShare.TryParse(text, out var message));
        Assert.Contains(problem, message);
        Assert.Contains("e.g. 10%", message);
    }

    [Fact]
    public void A_client_without_a_cookie_is_dealt_a_bucket_and_told_it_in_a_cookie()
    {
        var pick = CanaryAssignment.Choose(null, "k1", CanaryShare.Parse("10%"), _ => 999, Seal);

        Assert.Equal((true, 999), (pick.ToCanary, pick.Bucket));
        Assert.StartsWith($"drydock-canary={CanaryAssignment.Value("k1", 999, Seal)}; Path=/; Max-Age=86400; HttpOnly", pick.SetCookie);
        Assert.Equal((false, 1000), (CanaryAssignment.Choose(null, "k1", CanaryShare.Parse("10%"), _ => 1000, Seal).ToCanary, 1000));
    }

    [Theory]
    [InlineData("k1", 42, true, 42, false)]      // its bucket is kept, no new cookie
    [InlineData("k1", 4200, false, 4200, false)] // the other side, just as sticky
    [InlineData("k0", 42, true, 7, true)]        // another canary's cookie: dealt again
    public void A_signed_cookie_of_this_canary_keeps_the_client_on_its_side(string canary, int held, bool toCanary, int bucket, bool newCookie)
    {
        var pick = CanaryAssignment.Choose(CanaryAssignment.Value(canary, held, Seal), "k1", CanaryShare.Parse("10%"), _ => 7, Seal);
        Assert.Equal((toCanary, bucket, newCookie), (pick.ToCanary, pick.Bucket, pick.SetCookie is not null));
    }

    [Theory]
    [InlineData("k1:42")]          // unsigned, as an older edge set it or a client wrote it
    [InlineData("k1:")]
    [InlineData("k1:10000")]
    [InlineData("k1:-3")]
    [InlineData("k1:12x")]
    [InlineData("garbage")]
    [InlineData("k1:42:AAAAAAAAAAAAAAAAAAAAAA")]
    public void A_cookie_the_edge_did_not_sign_is_dealt_again(string cookie)
    {
        var pick = CanaryAssignment.Choose(cookie, "k1", CanaryShare.Parse("10%"), _ => 7, Seal);
        Assert.Equal((true, 7, true), (pick.ToCanary, pick.Bucket, pick.SetCookie is not null));
    }

    [Fact]
    public void A_client_cannot_choose_its_side_by_rewriting_the_bucket_of_its_cookie()
    {
        var stable = CanaryAssignment.Value("k1", 4200, Seal);
        var forged = "k1:42" + stable[stable.LastIndexOf(':')..];

        var pick = CanaryAssignment.Choose(forged, "k1", CanaryShare.Parse("10%"), _ => 4200, Seal);

        Assert.Equal((false, 4200, true), (pick.ToCanary, pick.Bucket, pick.SetCookie is not null));
        Assert.Null(CanaryAssignment.BucketOf(CanaryAssignment.Value("k1", 42, CanarySeal.Ephemeral()), "k1", Seal));
    }

    [Fact]
    public void The_signing_key_is_kept_in_the_state_directory_owner_only_so_a_restarted_edge_keeps_every_side()
    {
        using var state = new TempDirectory();
        var cookie = CanaryAssignment.Value("k1", 42, CanarySeal.InDirectory(state.Path));

        Assert.Equal(42, CanaryAssignment.BucketOf(cookie, "k1", CanarySeal.InDirectory(state.Path)));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state.Path, CanarySeal.FileName)));
    }

    [Fact]
    public void Raising_the_share_only_adds_clients_to_the_canary()
    {
        var buckets = Enumerable.Range(0, CanaryShare.AllBasisPoints).Select(b => CanaryAssignment.Value("k", b, Seal)).ToList();
        var atTen = buckets.Where(c => CanaryAssignment.Choose(c, "k", CanaryShare.Parse("10%"), _ => 0, Seal).ToCanary).ToHashSet();
        var atFifty = buckets.Where(c => CanaryAssignment.Choose(c, "k", CanaryShare.Parse("50%"), _ => 0, Seal).ToCanary).ToHashSet();

        Assert.Equal((1000, 5000), (atTen.Count, atFifty.Count));
        Assert.Subset(atFifty, atTen);
    }
}
