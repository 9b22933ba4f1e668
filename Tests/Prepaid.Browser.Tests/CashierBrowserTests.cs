using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed partial class CashierBrowserTests
{
    [Fact]
    public async Task Cashier_RechargesAndDownloadsTheReceipt_ThenAManagerApprovesARefund()
    {
        await using var app = await BrowserApp.StartAsync();
        var cashier = await app.OpenAsync("/cashier", userName: "cashier", password: "Demo-Cashier-2026");
        await cashier.Locator("[data-testid=desk-search] input, input[data-testid=desk-search]").First.FillAsync("A000004");
        await cashier.Locator("[data-testid=pick-A000004]").ClickAsync();
        var before = await cashier.Locator("[data-testid=desk-balance]").TextContentAsync();

        await cashier.Locator("[data-testid=recharge-amount] input, input[data-testid=recharge-amount]").First.FillAsync("1234.56");
        await cashier.Locator("[data-testid=method-BankCard]").First.ClickAsync();
        await BrowserApp.SubmitRechargeAsync(cashier);

        await Assertions.Expect(cashier.Locator("[data-testid=receipt-number]")).ToHaveTextAsync(ReceiptNumber());
        var number = (await cashier.Locator("[data-testid=receipt-number]").TextContentAsync())!.Trim();
        Assert.NotEqual(before, await cashier.Locator("[data-testid=desk-balance]").TextContentAsync());
        await BrowserApp.SaveScreenshotAsync(cashier, "cashier-recharged-en");

        var download = await cashier.RunAndWaitForDownloadAsync(() => cashier.Locator("[data-testid=receipt-download]").ClickAsync());
        Assert.Equal(number + ".pdf", download.SuggestedFilename);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync((await download.PathAsync())!)))
        {
            var text = string.Concat(pdf.GetPage(1).Text.Where(c => !char.IsWhiteSpace(c)));
            Assert.Contains(number, text);
            Assert.Contains("壹仟贰佰叁拾肆元伍角陆分", text);
            Assert.Contains("¥1,234.56", text);
            Assert.Contains("Bankcard", text);
            Assert.Contains("A000004", text);
        }


        await cashier.Locator("[data-testid=refund-amount] input, input[data-testid=refund-amount]").First.FillAsync("34.56");
        await cashier.Locator("[data-testid=refund-reason] input, input[data-testid=refund-reason]").First.FillAsync("Paid twice by the shop");
        await cashier.Locator("[data-testid=refund-submit]").ClickAsync();
        await Assertions.Expect(cashier.Locator("[data-testid=refund-result]")).ToContainTextAsync("waiting for a manager");

        await cashier.GotoAsync(app.BaseUrl + "cashier/receipts/" + number);
        await Assertions.Expect(cashier.Locator("[data-testid=cashier-receipt-amountincapitals]")).ToHaveTextAsync("壹仟贰佰叁拾肆元伍角陆分");
        await BrowserApp.SaveScreenshotAsync(cashier, "cashier-receipt-html-en");

        var manager = await app.OpenAsync("/cashier");
        await manager.GetByText("Refund and reversal requests").ClickAsync();
        var row = manager.Locator("[data-testid^=request-]").Filter(new() { HasText = "Paid twice by the shop" });
        await Assertions.Expect(row).ToContainTextAsync("cashier");
        await row.Locator("[data-testid^=approve-]").ClickAsync();

        await Assertions.Expect(manager.Locator("[data-testid=approval-result]")).ToContainTextAsync("approved and posted");
        await Assertions.Expect(manager.Locator("[data-testid=decided-list]")).ToContainTextAsync("Approved");
        await BrowserApp.SaveScreenshotAsync(manager, "cashier-approved-en");

        await cashier.GotoAsync(app.BaseUrl + "cashier");
        await cashier.Locator("[data-interactive=yes]").WaitForAsync();
        await cashier.GetByText("Day-end close").ClickAsync();
        await Assertions.Expect(cashier.Locator("[data-testid=total-bankcard]")).ToHaveTextAsync("¥1,234.56");
        await Assertions.Expect(cashier.Locator("[data-testid=total-refund]")).ToHaveTextAsync("-¥34.56");
        await BrowserApp.SaveScreenshotAsync(cashier, "cashier-dayclose-en");
    }

    [Fact]
    public async Task Cashier_InChinese_ShowsTheDesk()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/cashier", locale: "zh-CN", userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=desk-search] input, input[data-testid=desk-search]").First.FillAsync("日料");
        await Assertions.Expect(page.Locator("[data-testid=desk-results]")).ToContainTextAsync("一品日料");
        await page.Locator("[data-testid=pick-A000004]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=recharge-form]")).ToContainTextAsync("确认收款");
        await BrowserApp.SaveScreenshotAsync(page, "cashier-zh");
    }

    [GeneratedRegex(@"^R\d{8}-0001$")]
    private static partial Regex ReceiptNumber();
}
