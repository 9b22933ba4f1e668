using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class WallBrowserTests
{
    [Fact]
    public async Task Wall_ElectricianTripsAMeter_TheSymbolOnTheWallChanges()
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var wall = await app.OpenAsync("/wall", userName: "wall", password: "Demo-Wall-2026");
        await Assertions.Expect(wall.Locator("[data-testid=kpi-online]")).ToHaveTextAsync("382 / 382", new() { Timeout = 30_000 });

        await using var electricianContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var meterPage = await electricianContext.NewPageAsync();
        await meterPage.GotoAsync(app.BaseUrl + "meters");
        await meterPage.Locator("#username").FillAsync("electrician");
        await meterPage.Locator("#password").FillAsync("Demo-Electrician-2026");
        await meterPage.Locator("[data-testid=sign-in]").ClickAsync();
        await meterPage.Locator("[data-interactive=yes]").WaitForAsync();
        await meterPage.Locator("[data-testid=meter-search] input, input[data-testid=meter-search]").FillAsync("L1-101-E");
        await Assertions.Expect(meterPage.Locator("[data-testid=meter-count]")).ToHaveTextAsync("1 meters");
        var link = meterPage.Locator("[data-testid^=meter-link-]");
        var meterId = (await link.GetAttributeAsync("data-testid"))!["meter-link-".Length..];
        var symbol = wall.Locator($"[data-testid=sym-{meterId}]");
        await Assertions.Expect(symbol).ToHaveAttributeAsync("data-state", "Normal", new() { Timeout = 30_000 });

        await link.ClickAsync();
        await Assertions.Expect(meterPage.Locator("[data-testid=live-supply]")).ToHaveTextAsync("On", new() { Timeout = 30_000 });
        await meterPage.Locator("[data-testid=command-Trip]").ClickAsync();
        await meterPage.Locator("textarea[data-testid=command-reason]").FillAsync("Wall test");
        // The wall records, in the browser's clock, when the symbol turns open; the meter page when the trip was confirmed by the user.
        await wall.EvaluateAsync(@"id => {
            window.__opened = null;
            new MutationObserver(() => {
                const sym = document.querySelector(`[data-testid=sym-${id}]`);
                if (!window.__opened && sym && sym.getAttribute('data-state') === 'Open') window.__opened = Date.now();
            }).observe(document.querySelector('[data-testid=wall-diagram]'), { attributes: true, subtree: true, childList: true });
        }", meterId);
        var clicked = await meterPage.EvaluateAsync<double>("() => Date.now()");
        await meterPage.Locator("[data-testid=command-confirm]").ClickAsync();
        await Assertions.Expect(meterPage.Locator("[data-testid=command-result]")).ToContainTextAsync("confirmed", new() { Timeout = 30_000 });

        await Assertions.Expect(symbol).ToHaveAttributeAsync("data-state", "Open", new() { Timeout = 15_000 });
        var opened = await wall.EvaluateAsync<double>("() => window.__opened");
        Assert.InRange(opened - clicked, 0, 3000);
        await Assertions.Expect(meterPage.Locator("[data-testid=live-supply]")).ToHaveTextAsync("Off", new() { Timeout = 5_000 });
        await BrowserApp.SaveScreenshotAsync(meterPage, "meter-en");
        await BrowserApp.SaveScreenshotAsync(wall, "wall-en");
    }

    [Fact]
    public async Task Wall_KioskAccount_SeesTheWallInChineseAndNothingElse()
    {
        await using var app = await BrowserApp.StartAsync(live: true);
        var wall = await app.OpenAsync("/wall", locale: "zh-CN", userName: "wall", password: "Demo-Wall-2026");
        await Assertions.Expect(wall.Locator("[data-testid=kpi-online]")).ToHaveTextAsync("382 / 382", new() { Timeout = 30_000 });
        await Assertions.Expect(wall.Locator(".wall-legend")).ToContainTextAsync("欠费跳闸");
        await Assertions.Expect(wall.Locator("[data-testid=nav]")).ToHaveCountAsync(0);
        await BrowserApp.SaveScreenshotAsync(wall, "wall-zh-CN");

        await wall.GotoAsync(app.BaseUrl + "meters");

        await Assertions.Expect(wall.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
    }
}
