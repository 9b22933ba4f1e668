using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Browser.Tests;

public sealed class DeskSplitAndLiveBrowserTests
{
    [Theory]
    [InlineData("en-US", "power off", "valve open", "Power back at", "choose between")]
    [InlineData("zh-CN", "已断电", "阀门开启", "恢复供电", "之间选择")]
    public async Task Cashier_StallWithBothMeters_ChoosesTheWaterWithinLimitsAndSeesPowerComeBack(string locale, string off, string valveOpen, string back, string outOfRange)
    {
        await using var app = await BrowserApp.StartAsync();
        var (number, electricity, water) = await StallAsync(app);

        var page = await app.OpenAsync("/cashier", locale: locale, userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=desk-search] input, input[data-testid=desk-search]").First.FillAsync(number);
        await page.Locator($"[data-testid=pick-{number}]").ClickAsync();

        // Live state: electricity tripped with 11.58 left, water open with 200.00.
        await Assertions.Expect(page.Locator($"[data-testid=desk-live-{electricity}]")).ToContainTextAsync(off);
        await Assertions.Expect(page.Locator($"[data-testid=desk-live-{electricity}]")).ToContainTextAsync("¥11.58");
        await Assertions.Expect(page.Locator($"[data-testid=desk-live-{water}]")).ToContainTextAsync(valveOpen);

        // 500 with nothing owed: electricity lacks 88.42 to alarm amount 1, so water may take 0 to 411.58.
        await page.Locator("[data-testid=recharge-amount] input, input[data-testid=recharge-amount]").First.FillAsync("500");
        var preview = page.Locator("[data-testid=recharge-preview]");
        await Assertions.Expect(page.Locator("[data-testid=split-choice]")).ToContainTextAsync("¥411.58");
        var waterField = page.Locator("[data-testid=split-water] input, input[data-testid=split-water]").First;

        await waterField.FillAsync("450");
        await waterField.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=split-error]")).ToContainTextAsync(outOfRange);
        await Assertions.Expect(preview).Not.ToContainTextAsync("¥450.00");

        await waterField.FillAsync("300");
        await waterField.PressAsync("Enter");
        await Assertions.Expect(preview).ToContainTextAsync("¥300.00");
        await Assertions.Expect(preview).ToContainTextAsync("¥200.00");
        await Assertions.Expect(page.Locator("[data-testid=split-error]")).ToHaveCountAsync(0);

        // The meter reports power back (as after a recharge's purchase): the desk follows without a reload.
        Apply(app, electricity, supplyOn: true, remaining: 211.58m);
        await Assertions.Expect(page.Locator($"[data-testid=desk-live-change-{electricity}]")).ToContainTextAsync(back);
        await Assertions.Expect(page.Locator($"[data-testid=desk-live-{electricity}]")).ToContainTextAsync("¥211.58");
        await BrowserApp.SaveScreenshotAsync(page, $"desk-split-live-{locale}");

        await BrowserApp.SubmitRechargeAsync(page);
        var receiptNumber = (await page.Locator("[data-testid=receipt-number]").TextContentAsync() ?? "").Trim();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        Assert.Equal(300m, (await db.Receipts.SingleAsync(r => r.Number == receiptNumber)).ChosenWaterAmount);
        await BrowserApp.SaveScreenshotAsync(page, $"desk-split-paid-{locale}");
    }

    /// <summary>An open demo account whose electricity and water meters both bill themselves, set to the README's stall:
    /// nothing owed, alarm amount 1 at 100.00, electricity tripped at 11.58, water open at 200.00.</summary>
    private static async Task<(string Number, int Electricity, int Water)> StallAsync(BrowserApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var accountId = await db.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null)
            .GroupBy(m => m.AccountId!.Value)
            .Where(g => g.Any(m => m.Kind == MeterKind.Electricity) && g.Any(m => m.Kind == MeterKind.Water))
            .Select(g => g.Key).OrderBy(id => id).FirstAsync();
        var account = await db.Accounts.SingleAsync(a => a.Id == accountId);
        account.AlarmAmount1 = 100m;
        await db.SaveChangesAsync();
        var meters = await db.Meters.Where(m => m.AccountId == accountId && m.BillingMode == BillingMode.Meter).ToListAsync();
        var electricity = meters.First(m => m.Kind == MeterKind.Electricity).Id;
        var water = meters.First(m => m.Kind == MeterKind.Water).Id;

        var ledger = app.Services.GetRequiredService<LedgerService>();
        var balance = await ledger.BalanceAsync(accountId, CancellationToken.None);
        if (balance != 0)
        {
            await ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.Adjustment, -balance, "test-zero:" + account.Number, "test"), CancellationToken.None);
        }

        Apply(app, electricity, supplyOn: false, remaining: 11.58m);
        Apply(app, water, supplyOn: true, remaining: 200m);
        return (account.Number, electricity, water);
    }

    /// <summary>A read-back as the reading processor writes it: stored (the planner reads it) and applied to the live cache.</summary>
    private static void Apply(BrowserApp app, int meterId, bool supplyOn, decimal remaining)
    {
        var now = DateTimeOffset.UtcNow;
        var state = new MeterLiveState { MeterId = meterId, Quality = ValueQuality.Good, UpdatedAt = now, LastGoodAt = now, RemainingYuan = remaining, SupplyOn = supplyOn };
        using (var db = app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContext())
        {
            db.MeterLiveStates.Where(s => s.MeterId == meterId).ExecuteDelete();
            db.MeterLiveStates.Add(state);
            db.SaveChanges();
        }

        app.Services.GetRequiredService<LiveStateCache>().Apply([state]);
    }
}
