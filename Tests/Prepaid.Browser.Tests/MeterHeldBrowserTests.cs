using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Browser.Tests;

public sealed class MeterHeldBrowserTests
{
    [Theory]
    [InlineData("en-US", "Held by the platform (negative: fees owed)")]
    [InlineData("zh-CN", "平台账户（负数为欠费）")]
    public async Task Cashier_MeterBilledAccount_SeesWhatTheMetersHoldAtTheDeskAndOnTheAccountPage(string locale, string ledgerLabel)
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var (unit, accountId) = await MeterBilledAccountAsync(app);
        var page = await app.OpenAsync("/cashier", locale: locale, userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=desk-search] input, input[data-testid=desk-search]").First.FillAsync(unit);
        await page.Locator("[data-testid^=pick-]").First.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=desk-account]")).ToContainTextAsync(ledgerLabel);
        await Assertions.Expect(page.Locator("[data-testid=meter-held-total]")).ToContainTextAsync("¥");
        await BrowserApp.SaveScreenshotAsync(page, $"desk-meter-held-{locale}");

        await page.GotoAsync(app.BaseUrl + $"tenants/accounts/{accountId}");
        await page.Locator("[data-interactive=yes]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-balance-label]")).ToHaveTextAsync(ledgerLabel);
        await Assertions.Expect(page.Locator("[data-testid=meter-held]")).ToBeVisibleAsync();
        if (locale == "zh-CN")
        {
            // The jobs' English notes stay in the tooltip; the rows read in Chinese.
            await Assertions.Expect(page.Locator("[data-testid=ledger-rows] tbody tr").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=ledger-rows]")).Not.ToContainTextAsync("Property fee");
            await Assertions.Expect(page.Locator("[data-testid=ledger-rows]")).Not.ToContainTextAsync("Opening balance");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath($"account-meter-held-{locale}"), FullPage = true });
    }

    [Fact]
    public async Task Cashier_OpenAccount_FindsTheTenantByTypingItsName()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/tenants/open", locale: "zh-CN", userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=open-tenant] input, input[data-testid=open-tenant]").First.FillAsync("一品日料");

        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToContainTextAsync("L4-001 · 一品日料");
        await BrowserApp.SaveScreenshotAsync(page, "account-open-search-zh-CN");
    }

    /// <summary>An open account of the demo mall with a shop meter that bills itself (single-phase, 内控).</summary>
    private static async Task<(string Unit, int AccountId)> MeterBilledAccountAsync(BrowserApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var row = await (from m in db.Meters
                         where m.BillingMode == BillingMode.Meter && m.AccountId != null
                         join a in db.Accounts on m.AccountId equals a.Id
                         where a.ClosedAt == null
                         join t in db.Tenants on a.TenantId equals t.Id
                         orderby a.Id
                         select new { t.UnitNumber, a.Id }).FirstAsync();
        return (row.UnitNumber, row.Id);
    }

    private static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Prepaid.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
