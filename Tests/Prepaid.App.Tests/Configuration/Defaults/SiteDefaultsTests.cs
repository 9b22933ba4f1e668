using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Configuration.Pages;
using Prepaid.App.Configuration;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Configuration.Defaults;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Readings;
using Prepaid.App.Tests.Configuration.Import;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Configuration.Defaults;

public sealed class SiteDefaultsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static SiteDefaultsService Service(ConfigurationTestKit kit) => new(kit.Db, new AuditLog(kit.Db, kit.Clock));

    private static async Task<List<Account>> OpenAccountsAsync(ConfigurationTestKit kit)
    {
        await using var db = kit.Db.CreateDbContext();
        return await db.Accounts.AsNoTracking().Where(a => a.ClosedAt == null).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task ApplyToAccounts_Selected_ChangesOnlyThoseAndTheGivenValuesAudited()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var before = await OpenAccountsAsync(kit);
        var chosen = before.Take(3).Select(a => a.Id).ToList();

        var count = await Service(kit).ApplyToAccountsAsync(ConfigurationTestKit.Admin, chosen, new AccountLimits(2000m, null, 20m), "10.2.2.2");

        Assert.Equal(3, count);
        var after = await OpenAccountsAsync(kit);
        foreach (var (old, now) in before.Zip(after))
        {
            var expected = chosen.Contains(old.Id) ? (2000m, old.AlarmAmount2, 20m) : (old.AlarmAmount1, old.AlarmAmount2, old.OverdraftLimit);
            Assert.Equal(expected, (now.AlarmAmount1, now.AlarmAmount2, now.OverdraftLimit));
        }

        await using var db = kit.Db.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "config.account-limits");
        Assert.Equal(("admin", "accounts:3", "10.2.2.2"), (audit.UserName, audit.Target, audit.Address));
    }

    [Theory]
    [InlineData(20, 30, null)]      // alarm 1 below alarm 2
    [InlineData(100.0, 30.0, -1.0)]  // negative overdraft
    [InlineData(100.005, 30, null)] // below the fen
    public async Task ApplyToAccounts_BadValues_RefusedAndNothingChanges(double alarm1, double alarm2, double? overdraft)
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var before = await OpenAccountsAsync(kit);

        await Assert.ThrowsAsync<ConfigurationValidationException>(() => Service(kit).ApplyToAccountsAsync(ConfigurationTestKit.Admin,
            [.. before.Select(a => a.Id)], new AccountLimits((decimal)alarm1, (decimal)alarm2, (decimal?)overdraft), null));

        Assert.Equal(before.Select(a => (a.AlarmAmount1, a.AlarmAmount2, a.OverdraftLimit)), (await OpenAccountsAsync(kit)).Select(a => (a.AlarmAmount1, a.AlarmAmount2, a.OverdraftLimit)));
    }

    [Fact]
    public async Task Manager_CannotChangeAccountsOrHoardingLimit()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var ids = (await OpenAccountsAsync(kit)).Select(a => a.Id).ToList();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service(kit).ApplyToAccountsAsync(ConfigurationTestKit.Manager, ids, new AccountLimits(150m, null, null), null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service(kit).SetHoardingLimitAsync(ConfigurationTestKit.Manager, 5000m, null));

        Assert.DoesNotContain(await OpenAccountsAsync(kit), a => a.AlarmAmount1 == 150m);
        Assert.Null(await Service(kit).HoardingLimitAsync(ConfigurationTestKit.Manager));
    }

    [Fact]
    public async Task SetHoardingLimit_SavedAndCleared_Audited()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        await Service(kit).SetHoardingLimitAsync(ConfigurationTestKit.Admin, 5000m, null);
        Assert.Equal(5000m, await Service(kit).HoardingLimitAsync(ConfigurationTestKit.Admin));
        await Assert.ThrowsAsync<ConfigurationValidationException>(() => Service(kit).SetHoardingLimitAsync(ConfigurationTestKit.Admin, 0m, null));
        await Service(kit).SetHoardingLimitAsync(ConfigurationTestKit.Admin, null, null);

        Assert.Null(await Service(kit).HoardingLimitAsync(ConfigurationTestKit.Admin));
        await using var db = kit.Db.CreateDbContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "config.site.hoarding-limit"));
    }

    [Fact]
    public async Task NewAccountDefaults_Unset_AreTheBuiltInOnes()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        Assert.Equal(new AccountDefaults(100m, 30m, 0m), await Service(kit).NewAccountDefaultsAsync(ConfigurationTestKit.Manager));
    }

    [Fact]
    public async Task SetNewAccountDefaults_Valid_StoredAuditedAndGivenToATenantAddedOnThePageAndByImport()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        await Service(kit).SetNewAccountDefaultsAsync(ConfigurationTestKit.Admin, new AccountDefaults(250.5m, 80m, 15m), "10.3.3.3");
        await kit.Service.SaveTenantAsync(ConfigurationTestKit.Admin, new TenantEdit
        {
            UnitNumber = "X-001", Name = "测试店", NameEn = "Test shop", LeasedAreaM2 = 42.5m, ContactName = "王", Mobile = "13800001111", AccountNumber = "X000001",
        }, null);
        var sheets = ImportTestKit.Read(await ImportTestKit.ExportAsync(kit.Db));
        var row = new Dictionary<string, object?>(sheets["Tenants"][0]) { ["Unit"] = "X-002", ["Account"] = "X000002" };
        sheets["Tenants"].Add(row);
        var plan = await ImportTestKit.Importer(kit.Db).ApplyAsync(ConfigurationTestKit.Admin, ImportTestKit.Write(sheets), "tenants.xlsx", null);

        Assert.Empty(plan.Errors);
        Assert.Equal(new AccountDefaults(250.5m, 80m, 15m), await Service(kit).NewAccountDefaultsAsync(ConfigurationTestKit.Admin));
        await using var db = kit.Db.CreateDbContext();
        foreach (var number in new[] { "X000001", "X000002" })
        {
            var account = await db.Accounts.SingleAsync(a => a.Number == number);
            Assert.Equal((250.5m, 80m, 15m), (account.AlarmAmount1, account.AlarmAmount2, account.OverdraftLimit));
        }

        Assert.DoesNotContain(await db.Accounts.Where(a => a.Number != "X000001" && a.Number != "X000002").ToListAsync(), a => a.AlarmAmount1 == 250.5m);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "config.site.new-account-defaults");
        Assert.Equal(("admin", "10.3.3.3"), (audit.UserName, audit.Address));
        Assert.Contains("100", audit.Before);
        Assert.Contains("250.5", audit.After);
    }

    [Theory]
    [InlineData(20, 30, 0)]        // alarm 1 below alarm 2
    [InlineData(100, 30, -1)]      // negative overdraft
    [InlineData(100, -5, 0)]       // negative alarm 2
    [InlineData(100.005, 30, 0)]   // below the fen
    public async Task SetNewAccountDefaults_BadValues_RefusedAndNothingChanges(double alarm1, double alarm2, double overdraft)
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        await Assert.ThrowsAsync<ConfigurationValidationException>(() => Service(kit).SetNewAccountDefaultsAsync(ConfigurationTestKit.Admin,
            new AccountDefaults((decimal)alarm1, (decimal)alarm2, (decimal)overdraft), null));

        Assert.Equal(AccountDefaults.BuiltIn, await Service(kit).NewAccountDefaultsAsync(ConfigurationTestKit.Admin));
        await using var db = kit.Db.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "config.site.new-account-defaults"));
    }

    [Fact]
    public async Task SetNewAccountDefaults_Manager_DeniedOnTheServer()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Service(kit).SetNewAccountDefaultsAsync(ConfigurationTestKit.Manager, new AccountDefaults(500m, 50m, 0m), null));

        Assert.Equal(AccountDefaults.BuiltIn, await Service(kit).NewAccountDefaultsAsync(ConfigurationTestKit.Admin));
    }

    [Fact]
    public async Task ApplyToAccounts_MeterBillingMeter_IsDueForASettingsPush()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        Meter meter;
        await using (var db = kit.Db.CreateDbContext())
        {
            meter = await db.Meters.Where(m => m.AccountId != null && m.TariffId != null && m.Profile == MeterProfile.PrepaidSinglePhase).OrderBy(m => m.Id).FirstAsync();
            db.Meters.Attach(meter);
            meter.BillingMode = BillingMode.Meter;
            await db.SaveChangesAsync();
        }

        var pusher = new MeterSettingsPusher(kit.Db,
            new MeterCommandRunner(kit.Db, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), kit.Clock, NullLogger<MeterCommandRunner>.Instance),
            new NoSubmitter(), Options.Create(new MeterBillingOptions()), kit.Clock, NullLogger<MeterSettingsPusher>.Instance);
        async Task<string?> DueFingerprintAsync()
        {
            await using var db = kit.Db.CreateDbContext();
            return (await pusher.DueAsync(db, kit.Clock.GetUtcNow(), default)).Where(d => d.Meter.Id == meter.Id && d.Kind == "parameters").Select(d => d.Fingerprint).SingleOrDefault();
        }

        var confirmed = await DueFingerprintAsync();
        await using (var db = kit.Db.CreateDbContext())
        {
            db.MeterSettingsPushes.Add(new MeterSettingsPush { MeterId = meter.Id, ParametersFingerprint = confirmed, ConfirmedAt = kit.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        Assert.Null(await DueFingerprintAsync());
        await Service(kit).ApplyToAccountsAsync(ConfigurationTestKit.Admin, [meter.AccountId!.Value], new AccountLimits(150m, 40m, 25m), null);

        Assert.Contains("a:150.00/40.00;o:25.00", await DueFingerprintAsync());
    }

    [Fact]
    public async Task DefaultsPage_AdministratorAppliesToSelected_OthersUnchanged()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, Prepaid.App.Kernel.Ui.PrepaidMudLocalizer>();
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        ctx.Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        ctx.Services.AddSingleton(new ConfigurationService(db, new AuditLog(db, clock), new ConfigurationChangeSignal(), clock));
        ctx.Services.AddSingleton(new ConfigurationQuery(db));
        ctx.Services.AddSingleton(new SiteDefaultsService(db, new AuditLog(db, clock)));
        ctx.Services.AddSingleton<Prepaid.App.Kernel.Contracts.IAcquisitionAccess>(new AcquisitionOff());
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles(Roles.Administrator);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows([Roles.Administrator], p)).Select(PermissionPolicies.For)]);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));

        var cut = ctx.Render<DefaultsPage>();
        cut.WaitForAssertion(() => Assert.Contains("open accounts", cut.Find("[data-testid=defaults-accounts-table]").TextContent), Wait);
        Assert.Contains("every 30 s", cut.Find("[data-testid=defaults-reading-period]").TextContent);
        cut.Find("input[data-testid=defaults-alarm1]").Change("5000");
        cut.FindAll("[data-testid=defaults-accounts-table] tbody tr input[type=checkbox]")[0].Change(true);
        cut.WaitForAssertion(() => Assert.Contains("(1)", cut.Find("[data-testid=defaults-apply-selected]").TextContent), Wait);
        cut.Find("[data-testid=defaults-apply-selected]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Applied to 1 accounts.", cut.Find("[data-testid=defaults-done]").TextContent), Wait);
        await using var read = db.CreateDbContext();
        Assert.Equal(1, await read.Accounts.CountAsync(a => a.AlarmAmount1 == 5000m));
    }

    private sealed class NoSubmitter : App.Kernel.Contracts.ICommandSubmitter
    {
        public Func<Acquisition.Polling.AcquisitionCommand, Task<Acquisition.Polling.CommandResult>>? Submit => null;
    }

    private sealed class AcquisitionOff : Prepaid.App.Kernel.Contracts.IAcquisitionAccess
    {
        public bool Enabled => false;
        public Prepaid.Acquisition.Polling.AcquisitionEngine? Engine => null;
        public TimeSpan FastPeriod => TimeSpan.FromSeconds(30);
        public TimeSpan FullPeriod => TimeSpan.FromMinutes(5);
    }
}
