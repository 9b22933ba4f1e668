using Prepaid.App.Kernel.Pdf;
namespace Prepaid.App.Tests.Kernel.Pdf;

public sealed class TextMeasurerTests
{
    // Every character one unit wide, except a character the "font" lacks.
    private static readonly TextMeasurer Measurer = new(c => c == '☃' ? null : 1.0);

    [Fact]
    public void Wrap_WordsWithSpaces_BreaksAtSpacesWithinWidth()
    {
        var lines = Measurer.Wrap("alpha beta gamma delta", 1, 11);
        Assert.Equal(["alpha beta", "gamma delta"], lines);
    }

    [Fact]
    public void Wrap_ChineseWithoutSpaces_BreaksBetweenCharacters()
    {
        var lines = Measurer.Wrap("商铺购电与用电报表", 1, 4);
        Assert.Equal(["商铺购电", "与用电报", "表"], lines);
    }

    [Fact]
    public void Wrap_WordLongerThanLine_IsCut()
    {
        var lines = Measurer.Wrap("ab abcdefghij", 1, 4);
        Assert.Equal(["ab", "abcd", "efgh", "ij"], lines);
    }

    [Fact]
    public void Wrap_ExplicitLineBreaksAndEmptyText_AreKept()
    {
        Assert.Equal(["a", "", "b"], Measurer.Wrap("a\n\nb", 1, 10));
        Assert.Equal([""], Measurer.Wrap("", 1, 10));
    }

    [Fact]
    public void Clean_MissingGlyphsAndControls_ReplacedOrDropped()
    {
        Assert.Equal("a?b c", Measurer.Clean("a☃b\tc\u0001"));
    }
}
