using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using UglyToad.PdfPig;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class ReceiptPdfTests
{
    private static IStringLocalizer Localizer() =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Strings));

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Theory]
    [InlineData("zh-CN", "充值收据", "支付方式银行卡", "星光超市")]
    [InlineData("en", "Recharge receipt", "Payment methodBank card", "Starlight")]
    public async Task Render_Recharge_ReadsBackWithEveryItem(string culture, string title, string method, string tenant)
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await using (var db = bed.Bed.Database.CreateDbContext())
        {
            var t = db.Tenants.Single();
            (t.Name, t.NameEn) = ("星光超市", "Starlight Supermarket");
            db.Sites.Single().Name = "都匀购物中心";
            await db.SaveChangesAsync();
        }

        var outcome = await bed.RechargeAsync(bed.AccountIds[0], 10005.3m, PaymentMethod.BankCard);
        var view = (await bed.Receipts.FindAsync(outcome.Receipt.Number, CancellationToken.None))!;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);

        var bytes = ReceiptPdf.Render(view, Localizer());
        PdfSamples.Save($"receipt-{culture}.pdf", bytes);

        using var pdf = PdfDocument.Open(bytes);
        var text = Squeeze(Assert.Single(pdf.GetPages()).Text);
        Assert.Contains("都匀购物中心", text);
        Assert.Contains(Squeeze(title), text);
        Assert.Contains("R20261120-0001", text);
        Assert.Contains("A0001", text);
        Assert.Contains(tenant, text);
        Assert.Contains("¥10,005.30", text);
        Assert.Contains("壹万零伍元叁角整", text);
        Assert.Contains(Squeeze(method), text);
        Assert.Contains("cashier", text);
        Assert.Contains("2026-11-2010:30:00", text);
    }
}
