using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Prepaid.Browser.Tests.Configuration;

/// <summary>Every configuration page as a commissioning engineer sees it: the Administrator in Chinese, the Manager in English.</summary>
public sealed partial class ConfigurationTourBrowserTests
{
    private static readonly string[] Pages =
        ["configuration", "configuration/gateways", "configuration/buses", "configuration/meters", "configuration/tenants", "configuration/tariffs",
         "configuration/fees", "configuration/sharing", "configuration/defaults", "configuration/import"];

    [Fact]
    public async Task ChineseAdministrator_EveryConfigurationPage_ShowsNoEnglishIdentifier()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.GotoAsync(app.BaseUrl + "configuration");
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-testid=must-change]").WaitForAsync();
        await page.Locator("#current").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("#new").FillAsync("Admin-Changed-2026");
        await page.Locator("#confirm").FillAsync("Admin-Changed-2026");
        await page.Locator("[data-testid=change-password]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        var problems = new List<string>();
        foreach (var path in Pages)
        {
            await page.GotoAsync(app.BaseUrl + path);
            await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var text = await page.Locator(".mud-main-content").InnerTextAsync();
            problems.AddRange(Identifier().Matches(text).Select(m => $"{path}: {m.Value}").Distinct());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"configuration-tour-admin-zh-{Name(path)}"), FullPage = true });
        }

        Assert.Empty(problems);

        // Two meters on one bus address: refused, in Chinese words only.
        await page.GotoAsync(app.BaseUrl + "configuration/meters");
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("[data-testid^=meter-edit-]").First.ClickAsync();
        await page.Locator("input[data-testid=meter-address]").FillAsync("3");
        await page.Locator("[data-testid=meter-save]").ClickAsync();
        var errors = page.Locator(".mud-dialog [data-testid=config-errors]");
        await Assertions.Expect(errors).ToContainTextAsync("地址：本总线上的地址 3 已被 表“", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("configuration-tour-admin-zh-meter-duplicate-address") });
        Assert.DoesNotMatch("[A-Za-z]{4,}", (await errors.InnerTextAsync()).Replace("-E", "", StringComparison.Ordinal));

        // A new tariff's first version may start today: the form proposes it.
        await page.GotoAsync(app.BaseUrl + "configuration/tariffs");
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=tariff-new]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tariff-create]")).ToContainTextAsync("新方案可从今天", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("configuration-tour-admin-zh-tariff-new"), FullPage = true });
    }

    [Fact]
    public async Task EnglishManager_EveryConfigurationPage_OffersNoChange()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("configuration");
        foreach (var path in Pages.Where(p => p != "configuration/import"))
        {
            await page.GotoAsync(app.BaseUrl + path);
            await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"configuration-tour-manager-en-{Name(path)}"), FullPage = true });
        }
    }

    private static string Name(string path) => path == "configuration" ? "site" : path["configuration/".Length..];

    private static string Shot(string name)
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

    // Enum identifiers a page might show instead of their names (a cell, a select, a message), and MudBlazor's own
    // English texts; plain words such as "Supermarket" are left out because shops' English names use them.
    [GeneratedRegex(@"\b(PrepaidSinglePhase|PrepaidThreePhase|PrepaidWater|MainIncomer|PublicArea|ModbusTcp|RtuOverTcp|FixedRatio|LeasedArea|EqualSplit|FixedFee|PerSquareMetre|FixedMonthly|TouTiered|DeepValley|FoodCourt|Rows per page|of \d+)\b")]
    private static partial Regex Identifier();
}
