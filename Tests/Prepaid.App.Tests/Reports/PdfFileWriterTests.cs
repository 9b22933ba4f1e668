using Prepaid.App.Kernel.Pdf;
namespace Prepaid.App.Tests.Reports;

public sealed class PdfFileWriterTests
{
    [Fact]
    public void Finish_ReservedObjectNeverWritten_Throws()
    {
        var writer = new PdfFileWriter(new MemoryStream());
        writer.WriteHeader();
        var root = writer.Reserve();
        writer.Reserve();
        writer.WriteObject(root, "<< /Type /Catalog >>");

        var error = Assert.Throws<InvalidOperationException>(() => writer.Finish(root, root));
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteObject_SameObjectTwice_Throws()
    {
        var writer = new PdfFileWriter(new MemoryStream());
        var id = writer.Reserve();
        writer.WriteObject(id, "null");

        Assert.Throws<InvalidOperationException>(() => writer.WriteObject(id, "null"));
    }

    [Fact]
    public void TextString_Chinese_IsUtf16WithByteOrderMark() =>
        Assert.Equal("<FEFF65E50041>", PdfFileWriter.TextString("日A"));

    [Fact]
    public void Number_ManyDecimals_AtMostThreeAndInvariant() =>
        Assert.Equal(["595.28", "-0.5", "1", "0.333"], new[] { 595.28, -0.5, 1.0, 1 / 3.0 }.Select(PdfFileWriter.Number));
}
