using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Browser.Tests;

public sealed class ShopsToCallBrowserTests
{
    [Theory]
    [InlineData("en-US", "Fees not covered", "Fees owed that the meters' money does not cover")]
    [InlineData("zh-CN", "欠费未能抵扣", "欠费且表内余额不足以抵扣")]
    public async Task Cashier_ShopOwingFeesItsMetersCannotCover_IsOnTheCallListWithWhatItOwesAndItsNotice(string locale, string reason, string notice)
    {
        await using var app = await BrowserApp.StartAsync();
        var (unit, owed) = await OweFeesAsync(app, 12_345.67m);

        var page = await app.OpenAsync("/billing/shops-to-call", locale: locale, userName: "cashier", password: "Demo-Cashier-2026");

        var row = page.Locator("[data-testid=call-table] tbody tr", new PageLocatorOptions { HasText = unit });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=call-reason]")).ToHaveTextAsync(reason);
        await Assertions.Expect(row).ToContainTextAsync(owed);
        await Assertions.Expect(page.Locator("[data-testid=call-export]")).ToBeEnabledAsync();
        await BrowserApp.SaveScreenshotAsync(page, $"shops-to-call-{locale}");

        // The fee-arrears rule told the shop (the notice starts its grace period); the account page lists it.
        await row.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=notice]").First).ToContainTextAsync(notice, new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await BrowserApp.SaveScreenshotAsync(page, $"account-fee-notice-{locale}");
    }

    /// <summary>Posts a property fee far above anything the shop's meters hold to a meter-billed account; returns its
    /// unit and what it then owes (the fee less the money its platform account held), as the list prints it.</summary>
    private static async Task<(string Unit, string Owed)> OweFeesAsync(BrowserApp app, decimal fee)
    {
        string unit;
        int accountId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync())
        {
            var row = await (from m in db.Meters
                             where m.BillingMode == BillingMode.Meter && m.AccountId != null
                             join a in db.Accounts on m.AccountId equals a.Id
                             where a.ClosedAt == null
                             join t in db.Tenants on a.TenantId equals t.Id
                             orderby a.Id descending
                             select new { t.UnitNumber, a.Id }).FirstAsync();
            (unit, accountId) = (row.UnitNumber, row.Id);
            // What the poller would store: each of its meters read a moment ago, holding 10 yuan.
            var now = DateTimeOffset.UtcNow;
            foreach (var meterId in await db.Meters.Where(m => m.AccountId == accountId && m.BillingMode == BillingMode.Meter).Select(m => m.Id).ToListAsync())
            {
                var state = await db.MeterLiveStates.SingleOrDefaultAsync(l => l.MeterId == meterId);
                if (state is null)
                {
                    state = new MeterLiveState { MeterId = meterId };
                    db.MeterLiveStates.Add(state);
                }

                (state.Quality, state.UpdatedAt, state.LastGoodAt, state.RemainingYuan, state.SupplyOn) = (ValueQuality.Good, now, now, 10m, true);
            }

            await db.SaveChangesAsync();
        }

        // The list reads what the meters hold: 10 yuan each, far below the fee.
        var posted = await app.Services.GetRequiredService<LedgerService>().PostAsync(
            new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, -fee, $"test-fee:{accountId}", "property-fee"), default);
        return (unit, "¥" + (-posted.BalanceAfter).ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
    }
}
