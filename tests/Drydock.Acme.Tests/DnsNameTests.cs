namespace Drydock.Acme.Tests;

public class DnsNameTests
{
    [Theory]
    [InlineData("notes.example.org", "notes.example.org")]
    [InlineData("  Notes.Example.ORG. ", "notes.example.org")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("a-b.c1.example", "a-b.c1.example")]
    public void Spellings_of_one_name_are_one_value(string text, string expected)
    {
        Assert.Equal(expected, DnsName.Parse(text).Value);
        Assert.Equal(DnsName.Parse(expected), DnsName.Parse(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("*.example.org", "wildcard")]
    [InlineData("127.0.0.1", "IP address")]
    [InlineData("::1", "IP address")]
    [InlineData("localhost", "single label")]
    [InlineData("-bad.example.org", "not a valid host name")]
    [InlineData("under_score.example.org", "not a valid host name")]
    public void Names_HTTP01_cannot_validate_are_refused_saying_why(string text, string why)
    {
        var error = Assert.Throws<ArgumentException>(() => DnsName.Parse(text));
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        Assert.False(DnsName.TryParse(new string('a', 64) + ".example.org", out _, out var error));
        Assert.Contains("1-63", error);
    }
}
