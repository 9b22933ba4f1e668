using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

/// <summary>
/// The app on a real loopback port (Kestrel) with its own SQLite file, and Debian's Chromium driven by
/// Playwright. Playwright never downloads a browser here: the test command installs the chromium package.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The first-run administrator's password in browser tests; it must still be changed at first sign-in.</summary>
    public const string AdminPassword = "Admin-Browser-2026";

    private readonly AppFactory _factory;
    private IPlaywright? _playwright;

    private BrowserApp(AppFactory factory) => _factory = factory;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The app's services, for tests that act on the simulator or read the database directly.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <param name="live">Run the demo's simulator and the acquisition too (on ports of their own).</param>
    public static async Task<BrowserApp> StartAsync(bool live = false)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the README's test command, which installs the chromium package.");
        }

        var app = new BrowserApp(new AppFactory(live));
        app._factory.UseKestrel(0);
        app._factory.StartServer();
        var addresses = app._factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("The test server reports no address.");
        app.BaseUrl = addresses.Addresses.First().Replace("[::1]", "127.0.0.1").TrimEnd('/') + "/";
        app._playwright = await Playwright.CreateAsync();
        app.Browser = await app._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return app;
    }

    /// <summary>Signs in through the login form, opens a page and waits until the Blazor circuit is interactive.</summary>
    public async Task<IPage> OpenAsync(string path, string locale = "en-US", string userName = "manager", string password = "Demo-Manager-2026")
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.GotoAsync(BaseUrl + path.TrimStart('/'));
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    /// <summary>Screenshots go to artifacts/screenshots at the repository root, for people to look at.</summary>
    /// <summary>
    /// Clicks the desk's recharge button and waits for the payment's outcome (it commits, plans and answers, which takes
    /// longer on a saturated machine); fails with the desk's error text when the payment was refused.
    /// </summary>
    public static async Task SubmitRechargeAsync(IPage page)
    {
        await page.Locator("[data-testid=recharge-submit]").ClickAsync();
        await page.Locator("[data-testid=recharge-done], [data-testid=desk-error]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var errors = await page.Locator("[data-testid=desk-error]").AllTextContentsAsync();
        Assert.True(errors.Count == 0, "The desk refused the payment: " + string.Join(" ", errors));
    }

    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Prepaid.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    private static int _liveInstances;

    private static int PortSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private sealed class AppFactory(bool live) : WebApplicationFactory<Program>
    {
        private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "prepaid-browser-tests", Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataDirectory", _dataFolder);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:HistoryDays", "0");
            builder.UseSetting("Scheduling:Enabled", "false");
            // The tests sign in many times from one address.
            builder.UseSetting("Security:SignInThrottle:PermitLimit", "100000");
            builder.UseSetting("Localization:DefaultCulture", "en");
            // The simulator's fixed loopback ports would collide between hosts running in parallel: a live host
            // takes a range of its own.
            builder.UseSetting("Simulator:Enabled", live ? "true" : "false");
            builder.UseSetting("Acquisition:Enabled", live ? "true" : "false");
            if (live)
            {
                // A block of its own in 26000-30999 (the App tests use 21000-25999), below the ephemeral port range;
                // PREPAID_BROWSER_PORT_BASE and PREPAID_TEST_PORT_BLOCKS move it (several working copies on one machine).
                var firstPort = PortSetting("PREPAID_BROWSER_PORT_BASE", 26000) + ((Interlocked.Increment(ref _liveInstances) % PortSetting("PREPAID_TEST_PORT_BLOCKS", 50)) * 100);
                builder.UseSetting("Demo:FirstPort", firstPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
                builder.UseSetting("Acquisition:FastPeriod", "00:00:02");
            }
            builder.UseSetting("Security:AdminPassword", AdminPassword);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(_dataFolder))
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
        }
    }
}
