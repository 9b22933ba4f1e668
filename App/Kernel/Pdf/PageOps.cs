namespace Prepaid.App.Kernel.Pdf;

/// <summary>Drawing instructions of one laid-out page; painted only once the page count is known.</summary>
internal abstract record PageOp;

internal sealed record TextOp(string Text, double Size, double X, double Y) : PageOp;

internal sealed record LineOp(double X1, double Y1, double X2, double Y2, double Width, byte Gray) : PageOp;

internal sealed record FillOp(double X, double Y, double Width, double Height, byte Gray) : PageOp;

/// <summary>Fixed geometry of the report pages, in points.</summary>
internal sealed record PageGeometry(double Width, double Height)
{
    public const double Margin = 36;
    public const double TopMargin = 30;
    public const double BottomMargin = 28;
    public const double HeaderHeight = 40;
    public const double FooterHeight = 22;

    public static PageGeometry A4(PageOrientation orientation) => orientation == PageOrientation.Portrait
        ? new PageGeometry(595.28, 841.89)
        : new PageGeometry(841.89, 595.28);

    public double Left => Margin;

    public double Right => Width - Margin;

    public double ContentWidth => Right - Left;

    public double BodyTop => Height - TopMargin - HeaderHeight;

    public double BodyBottom => BottomMargin + FooterHeight;
}
