using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Browser.Tests;

public sealed class DeskWaterfallBrowserTests
{
    [Theory]
    [InlineData("en-US", "Where it goes", "Paid towards", "Sent to meter")]
    [InlineData("zh-CN", "款项去向", "抵扣欠费", "充入表计")]
    public async Task Cashier_MeterBilledShopOwingFees_SeesTheSplitBeforePayingAndOnTheReceipt(string locale, string preview, string toOwed, string toMeter)
    {
        await using var app = await BrowserApp.StartAsync();
        var (number, accountId) = await ShopWithBothMetersAsync(app);
        // The shop owes exactly 156.82 of this month's property fee, whatever the demo left on its ledger.
        var ledger = app.Services.GetRequiredService<LedgerService>();
        var balance = await ledger.BalanceAsync(accountId, CancellationToken.None);
        await ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, -(balance + 156.82m), "test-fee:" + number, "property-fee",
            CauseType: "property-fee", CauseId: "2026-12"), CancellationToken.None);

        var page = await app.OpenAsync("/cashier", locale: locale, userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=desk-search] input, input[data-testid=desk-search]").First.FillAsync(number);
        await page.Locator($"[data-testid=pick-{number}]").ClickAsync();
        await page.Locator("[data-testid=recharge-amount] input, input[data-testid=recharge-amount]").First.FillAsync("500");

        var split = page.Locator("[data-testid=recharge-preview]");
        await Assertions.Expect(split).ToContainTextAsync(preview);
        await Assertions.Expect(split).ToContainTextAsync("¥156.82");
        await Assertions.Expect(split).ToContainTextAsync("¥343.18");
        await Assertions.Expect(split).ToContainTextAsync("2026-12");
        await BrowserApp.SaveScreenshotAsync(page, $"desk-split-preview-{locale}");

        await BrowserApp.SubmitRechargeAsync(page);
        var done = page.Locator("[data-testid=recharge-split]");
        await Assertions.Expect(done).ToContainTextAsync(toOwed);
        await Assertions.Expect(done).ToContainTextAsync("¥ 156.82");
        var receiptNumber = (await page.Locator("[data-testid=receipt-number]").TextContentAsync())!.Trim();

        var receipt = page;
        await receipt.GotoAsync(app.BaseUrl + "cashier/receipts/" + receiptNumber);
        var text = await receipt.Locator("[data-testid=receipt]").TextContentAsync() ?? "";
        Assert.Contains(toOwed, text, StringComparison.Ordinal);
        Assert.Contains(toMeter, text, StringComparison.Ordinal);
        await Assertions.Expect(receipt.Locator("[data-testid=cashier-receipt-tometer]")).ToHaveCountAsync(2);
        await Assertions.Expect(receipt.Locator("[data-testid=cashier-receipt-toowed]")).ToContainTextAsync("156.82");
        await BrowserApp.SaveScreenshotAsync(receipt, $"receipt-split-{locale}");

        // Every fen of the 500: 156.82 to the fee, the parts to the meters, nothing left owed or kept.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var entry = await db.LedgerEntries.SingleAsync(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.Recharge && e.Amount == 500m);
        var parts = await db.RechargeDeliveries.Where(d => d.LedgerEntryId == entry.Id).SumAsync(d => d.Amount);
        Assert.Equal(343.18m, parts);
        Assert.Equal(0m, await ledger.BalanceAsync(accountId, CancellationToken.None));
    }

    /// <summary>An open demo account whose electricity and water meters both bill themselves.</summary>
    private static async Task<(string Number, int AccountId)> ShopWithBothMetersAsync(BrowserApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var accounts = await db.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null)
            .GroupBy(m => m.AccountId!.Value)
            .Where(g => g.Any(m => m.Kind == MeterKind.Electricity) && g.Any(m => m.Kind == MeterKind.Water))
            .Select(g => g.Key).OrderBy(id => id).Take(1).ToListAsync();
        var account = await db.Accounts.SingleAsync(a => a.Id == accounts[0]);
        return (account.Number, account.Id);
    }
}
