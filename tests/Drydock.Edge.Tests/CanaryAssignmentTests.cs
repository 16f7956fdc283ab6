using Drydock.Edge.Contract;
using Drydock.Edge.Routing;

namespace Drydock.Edge.Tests;

/// <summary>The canary as data: the share a person types, and which side of the split a request goes to.</summary>
public sealed class CanaryAssignmentTests
{
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
        var pick = CanaryAssignment.Choose(null, "k1", CanaryShare.Parse("10%"), _ => 999);

        Assert.Equal((true, 999), (pick.ToCanary, pick.Bucket));
        Assert.StartsWith("drydock-canary=k1:999; Path=/; Max-Age=86400; HttpOnly", pick.SetCookie);
        Assert.Equal((false, 1000), (CanaryAssignment.Choose(null, "k1", CanaryShare.Parse("10%"), _ => 1000).ToCanary, 1000));
    }

    [Theory]
    [InlineData("k1:42", true, 42, false)]      // its bucket is kept, no new cookie
    [InlineData("k1:4200", false, 4200, false)] // the other side, just as sticky
    [InlineData("k0:42", true, 7, true)]        // another canary's cookie: dealt again
    [InlineData("k1:", true, 7, true)]
    [InlineData("k1:10000", true, 7, true)]
    [InlineData("k1:-3", true, 7, true)]
    [InlineData("k1:12x", true, 7, true)]
    [InlineData("garbage", true, 7, true)]
    public void A_cookie_of_this_canary_keeps_the_client_on_its_side_and_anything_else_deals_again(string cookie, bool toCanary, int bucket, bool newCookie)
    {
        var pick = CanaryAssignment.Choose(cookie, "k1", CanaryShare.Parse("10%"), _ => 7);
        Assert.Equal((toCanary, bucket, newCookie), (pick.ToCanary, pick.Bucket, pick.SetCookie is not null));
    }

    [Fact]
    public void Raising_the_share_only_adds_clients_to_the_canary()
    {
        var buckets = Enumerable.Range(0, CanaryShare.AllBasisPoints).Select(b => $"k:{b}").ToList();
        var atTen = buckets.Where(c => CanaryAssignment.Choose(c, "k", CanaryShare.Parse("10%"), _ => 0).ToCanary).ToHashSet();
        var atFifty = buckets.Where(c => CanaryAssignment.Choose(c, "k", CanaryShare.Parse("50%"), _ => 0).ToCanary).ToHashSet();

        Assert.Equal((1000, 5000), (atTen.Count, atFifty.Count));
        Assert.Subset(atFifty, atTen);
    }
}
