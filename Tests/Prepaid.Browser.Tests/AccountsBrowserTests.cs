using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class AccountsBrowserTests
{
    private static string ScreenshotFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Prepaid.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
    }

    [Theory]
    [InlineData("en-US", "Yipin Japanese", "Ledger")]
    [InlineData("zh-CN", "一品日料", "账户流水")]
    public async Task Cashier_FindsAnAccountInTheListAndOpensItsPage(string locale, string name, string ledgerTitle)
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var page = await app.OpenAsync("/tenants", locale: locale, userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=tenants-search] input, input[data-testid=tenants-search]").First.FillAsync("L4-001");
        await Assertions.Expect(page.Locator("[data-testid=tenants-grid] tbody tr")).ToHaveCountAsync(1);
        await BrowserApp.SaveScreenshotAsync(page, $"tenants-{locale}");

        await page.Locator("[data-testid=account-link-A000004]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=account-title]")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=account-ledger]")).ToContainTextAsync(ledgerTitle);
        await Assertions.Expect(page.Locator("[data-testid=account-meters] tbody tr")).Not.ToHaveCountAsync(0);
        // The live reading arrives from the simulator through the acquisition.
        await Assertions.Expect(page.Locator("[data-testid=account-meters] tbody")).ToContainTextAsync("kWh", new() { Timeout = 30_000 });
        await page.ReloadAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync();
        await page.Locator("[data-testid=account-title]").WaitForAsync();
        await BrowserApp.SaveScreenshotAsync(page, $"account-{locale}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder(), $"account-{locale}-full.png"), FullPage = true });
    }

    [Fact]
    public async Task Cashier_EditsTenantMobile_BadNumberIsRefusedGoodOneSaved()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/tenants/accounts/4", userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=tenant-edit]").ClickAsync();
        var mobile = page.Locator("[data-testid=field-mobile] input, input[data-testid=field-mobile]").First;

        await mobile.FillAsync("12345");
        await page.Locator("[data-testid=tenant-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tenant-details]")).ToContainTextAsync("11-digit mainland mobile number");

        await mobile.FillAsync("13912345678");
        await page.Locator("[data-testid=tenant-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tenant-result]")).ToContainTextAsync("saved");
        await Assertions.Expect(page.Locator("[data-testid=tenant-details]")).ToContainTextAsync("13912345678");
    }

    [Fact]
    public async Task Cashier_OpensASecondAccountCarryingOverTheBalance_OldAccountCloses()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/tenants/open", userName: "cashier", password: "Demo-Cashier-2026");
        await page.Locator("[data-testid=open-tenant] input, input[data-testid=open-tenant]").First.FillAsync("L4-001");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "L4-001" }).First.ClickAsync();
        await page.Locator("[data-testid^=open-meter-]").First.WaitForAsync();
        await page.Locator("[data-testid^=open-meter-]").First.ClickAsync();
        await page.Locator("[data-testid=open-transfer]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "A000004" }).First.ClickAsync();
        await BrowserApp.SaveScreenshotAsync(page, "account-open-en");

        await page.Locator("[data-testid=open-confirm]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=account-title]")).ToContainTextAsync("Yipin Japanese");
        await Assertions.Expect(page.Locator("[data-testid=account-balance]")).ToHaveTextAsync("¥31,681.32");
        await Assertions.Expect(page.Locator("[data-testid=account-ledger]")).ToContainTextAsync("Balance transferred in from the tenant's previous account");
        await page.GotoAsync(app.BaseUrl + "tenants/accounts/4");
        await Assertions.Expect(page.Locator("[data-testid=account-state]")).ToContainTextAsync("Closed");
        await Assertions.Expect(page.Locator("[data-testid=account-balance]")).ToHaveTextAsync("¥0.00");
    }
}
