using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class TenantsBalanceBrowserTests
{
    [Theory]
    [InlineData("en-US", "Money available", "Held by the platform (negative: fees owed)", "in meters")]
    [InlineData("zh-CN", "可用余额", "平台账户（负数为欠费）", "表内")]
    public async Task Finance_TenantsList_ShowsMoneyInMetersBesideTheLedgerBalance(string locale, string available, string ledger, string inMeters)
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var page = await app.OpenAsync("/tenants", locale: locale, userName: "cashier", password: "Demo-Cashier-2026");

        var head = page.Locator("[data-testid=tenants-grid] thead");
        await Assertions.Expect(head).ToContainTextAsync(available);
        await Assertions.Expect(head).ToContainTextAsync(ledger);
        await Assertions.Expect(page.Locator("[data-testid^=available-][data-kind=meters]").First).ToContainTextAsync(inMeters);
        await BrowserApp.SaveScreenshotAsync(page, $"tenants-available-{locale}");
    }
}
