using Microsoft.Playwright;

namespace Prepaid.Browser.Tests.Configuration;

public sealed class TariffBrowserTests
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task Administrator_SavesANewTariffVersionAfterPreviewingIt_InEnglishAndChinese()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 1400 } });
        await page.GotoAsync(app.BaseUrl + "configuration/tariffs");
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-testid=must-change]").WaitForAsync();
        await page.Locator("#current").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("#new").FillAsync("Admin-Changed-2026");
        await page.Locator("#confirm").FillAsync("Admin-Changed-2026");
        await page.Locator("[data-testid=change-password]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        if (!page.Url.Contains("configuration/tariffs", StringComparison.Ordinal))
        {
            await page.GotoAsync(app.BaseUrl + "configuration/tariffs");
            await page.Locator("[data-interactive=yes]").WaitForAsync();
        }

        await page.Locator("[data-testid=tariff-open-E-TOU]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tariff-versions]")).ToContainTextAsync("In force", Slow);
        await page.Locator("[data-testid=tariff-version-new]").ClickAsync();
        var peak = page.Locator("input[data-testid=tariff-rate-price-Peak]");
        await peak.FillAsync("1.25");
        await peak.PressAsync("Tab");
        await page.Locator("[data-testid=tariff-preview-run]").ClickAsync();
        // 10 kW on a normal day: 80 kWh each of valley (0.35), flat (0.75) and peak (now 1.25).
        await Assertions.Expect(page.Locator("[data-testid=tariff-preview-total]")).ToHaveTextAsync("188.0000", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=tariff-preview]").ScrollIntoViewIfNeededAsync();
        await BrowserApp.SaveScreenshotAsync(page, "configuration-tariff-new-version-en");
        await page.Locator("[data-testid=tariff-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tariff-versions]")).ToContainTextAsync("Scheduled", Slow);
        await Assertions.Expect(page.Locator("[data-testid=config-errors]")).ToHaveCountAsync(0);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserApp.SaveScreenshotAsync(page, "configuration-tariff-version-en");

        var chinese = await app.OpenAsync("configuration/tariffs", locale: "zh-CN", userName: "admin", password: "Admin-Changed-2026");
        await chinese.Locator("[data-testid=tariff-open-E-TOU]").ClickAsync();
        await Assertions.Expect(chinese.Locator("[data-testid=tariff-versions]")).ToContainTextAsync("待生效", Slow);
        await Assertions.Expect(chinese.Locator("[data-testid=tariff-versions]")).ToContainTextAsync("生效中");
        await chinese.Locator("[data-testid=tariff-preview-run]").ClickAsync();
        await Assertions.Expect(chinese.Locator("[data-testid=tariff-preview-total]")).ToHaveTextAsync("180.0000", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await BrowserApp.SaveScreenshotAsync(chinese, "configuration-tariff-versions-zh");
    }

    [Fact]
    public async Task Manager_FeesSharingAndDefaultsPages_ShowTheDemoReadOnly()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("configuration/fees");
        await Assertions.Expect(page.Locator("[data-testid=fees-table]")).ToContainTextAsync("with a fee", Slow);
        await Assertions.Expect(page.Locator("[data-testid=fees-bulk]")).ToHaveCountAsync(0);
        await BrowserApp.SaveScreenshotAsync(page, "configuration-fees-manager-en");

        await page.GotoAsync(app.BaseUrl + "configuration/sharing");
        await page.Locator("[data-interactive=yes]").WaitForAsync();
        await page.Locator("[data-testid^=sharing-open-]").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sharing-ratio-sum]")).ToContainTextAsync("Sum of ratios: 1", Slow);
        await Assertions.Expect(page.Locator("[data-testid=sharing-save]")).ToHaveCountAsync(0);
        await BrowserApp.SaveScreenshotAsync(page, "configuration-sharing-manager-en");

        var chinese = await app.OpenAsync("configuration/defaults", locale: "zh-CN");
        await Assertions.Expect(chinese.Locator("[data-testid=defaults-accounts-table]")).ToContainTextAsync("在用账户", Slow);
        await Assertions.Expect(chinese.Locator("[data-testid=defaults-apply-all]")).ToHaveCountAsync(0);
        await BrowserApp.SaveScreenshotAsync(chinese, "configuration-defaults-manager-zh");
    }
}
