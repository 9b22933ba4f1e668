using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Prepaid.App.Fees;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Sharing;
using Prepaid.App.Fees.Pages;
using Prepaid.App.Sharing.Pages;
using Prepaid.App.Configuration;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Configuration;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Fees;

public sealed class FeeConfigurationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateOnly December = new(2026, 12, 1);

    private static FeeConfigurationQuery Query(ConfigurationTestKit kit) =>
        new(kit.Db, new PropertyFeeSettings(kit.Db, new AuditLog(kit.Db, kit.Clock), kit.Clock));

    private static BunitContext Context(TestDatabase db, string role, string culture = "en")
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddTransient<MudLocalizer, Prepaid.App.Kernel.Ui.PrepaidMudLocalizer>();
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        var audit = new AuditLog(db, clock);
        var settings = new PropertyFeeSettings(db, audit, clock);
        ctx.Services.AddSingleton<TimeProvider>(clock);
        ctx.Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        ctx.Services.AddSingleton(new ConfigurationService(db, audit, new ConfigurationChangeSignal(), clock));
        ctx.Services.AddSingleton(new ConfigurationQuery(db));
        ctx.Services.AddSingleton(settings);
        ctx.Services.AddSingleton(new FeeConfigurationQuery(db, settings));
        ctx.Services.AddSingleton(new SharingRuleService(db, audit, clock));
        ctx.Services.AddSingleton(new SharingConfigurationQuery(db));
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(role == Roles.Administrator ? "admin" : "someone");
        auth.SetRoles(role);
        auth.SetPolicies([.. Enum.GetValues<Permission>().Where(p => RolePermissions.Allows([role], p)).Select(PermissionPolicies.For)]);
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return ctx;
    }

    [Fact]
    public async Task SetForBusinessType_Valid_SetsEveryTenantOfTheTypeAndAuditsEach()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        var count = await Query(kit).SetForBusinessTypeAsync(ConfigurationTestKit.Admin, BusinessType.Restaurant, PropertyFeeBasis.PerSquareMetre, 11.5m, December, "10.1.1.1");

        await using var db = kit.Db.CreateDbContext();
        var restaurants = await db.Tenants.Where(t => t.BusinessType == BusinessType.Restaurant).Select(t => t.Id).ToListAsync();
        Assert.Equal(restaurants.Count, count);
        Assert.True(count > 0);
        var settings = await db.PropertyFeeSettings.Where(s => restaurants.Contains(s.TenantId)).ToListAsync();
        Assert.All(settings, s => Assert.Equal((PropertyFeeBasis.PerSquareMetre, 11.5m, December, "admin"), (s.Basis, s.Rate, s.EffectiveFrom, s.UpdatedBy)));
        Assert.Equal(count, await db.AuditEntries.CountAsync(a => a.Action == "property-fee.set"));
    }

    [Fact]
    public async Task SetForBusinessType_NotOnThe1stOrManager_RefusedAndNothingChanges()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        await using (var before = kit.Db.CreateDbContext())
        {
            Assert.DoesNotContain(await before.PropertyFeeSettings.Select(s => s.Rate).ToListAsync(), r => r == 11.5m);
        }

        var refused = await Assert.ThrowsAsync<BillingValidationException>(() =>
            Query(kit).SetForBusinessTypeAsync(ConfigurationTestKit.Admin, BusinessType.Restaurant, PropertyFeeBasis.PerSquareMetre, 11.5m, new DateOnly(2026, 12, 2), null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            Query(kit).SetForBusinessTypeAsync(ConfigurationTestKit.Manager, BusinessType.Restaurant, PropertyFeeBasis.PerSquareMetre, 11.5m, December, null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Query(kit).TenantFeesAsync(ConfigurationTestKit.Cashier));

        Assert.Contains(refused.Errors, e => e.Contains("1st of a month", StringComparison.Ordinal));
        await using var db = kit.Db.CreateDbContext();
        Assert.DoesNotContain(await db.PropertyFeeSettings.Select(s => s.Rate).ToListAsync(), r => r == 11.5m);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "property-fee.set"));
    }

    [Fact]
    public async Task SetForBusinessType_DatabaseRefusesATenantInTheMiddle_NothingChanges()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        List<(int TenantId, decimal Rate, DateOnly From)> before;
        int middle;
        await using (var setup = kit.Db.CreateDbContext())
        {
            var restaurants = await setup.Tenants.Where(t => t.BusinessType == BusinessType.Restaurant).OrderBy(t => t.UnitNumber).Select(t => t.Id).ToListAsync();
            Assert.True(restaurants.Count >= 3);
            middle = restaurants[restaurants.Count / 2];
            before = [.. (await setup.PropertyFeeSettings.ToListAsync()).Select(s => (s.TenantId, s.Rate, s.EffectiveFrom)).OrderBy(s => s.TenantId)];
            // A write for the middle tenant fails inside the database, after the tenants before it were written.
            foreach (var when in new[] { "INSERT", "UPDATE" })
            {
                var trigger = $"CREATE TRIGGER refuse_{when} BEFORE {when} ON PropertyFeeSettings WHEN NEW.TenantId = {middle} BEGIN SELECT RAISE(ABORT, 'refused'); END";
                await setup.Database.ExecuteSqlRawAsync(trigger);
            }
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
            Query(kit).SetForBusinessTypeAsync(ConfigurationTestKit.Admin, BusinessType.Restaurant, PropertyFeeBasis.PerSquareMetre, 11.5m, December, null));

        await using var db = kit.Db.CreateDbContext();
        var after = (await db.PropertyFeeSettings.ToListAsync()).Select(s => (s.TenantId, s.Rate, s.EffectiveFrom)).OrderBy(s => s.TenantId).ToList();
        Assert.Equal(before, after);
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "property-fee.set"));
    }

    [Fact]
    public async Task PropertyFeesPage_Manager_SeesFeesWithoutEditing()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Manager);

        var cut = page.Render<PropertyFeesPage>();

        cut.WaitForAssertion(() => Assert.Contains("with a fee", cut.Find("[data-testid=fees-table]").TextContent), Wait);
        Assert.Contains("Per m² per month", cut.Find("[data-testid=fees-table]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=fees-bulk]"));
        Assert.Empty(cut.FindAll("[data-testid^=fee-edit-]"));
    }

    [Fact]
    public async Task SharingRulesPage_AdministratorSavesRatiosNotSummingToOne_SeesTheServiceErrorAndNothingChanges()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator);
        SharingRule original;
        await using (var read = db.CreateDbContext())
        {
            original = await read.SharingRules.Include(r => r.Tenants).OrderBy(r => r.Id).FirstAsync();
        }

        var cut = page.Render<SharingRulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=sharing-open-{original.Id}]")), Wait);
        cut.Find($"[data-testid=sharing-open-{original.Id}]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Sum of ratios: 1", cut.Find("[data-testid=sharing-ratio-sum]").TextContent), Wait);
        var first = cut.FindAll("input[data-testid^=sharing-value-]")[0];
        var value = decimal.Parse(first.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        first.Change((value + 0.01m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("[data-testid=sharing-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("not exactly 1", cut.Find("[data-testid=config-errors]").TextContent), Wait);
        await using var check = db.CreateDbContext();
        var after = await check.SharingRules.Include(r => r.Tenants).SingleAsync(r => r.Id == original.Id);
        Assert.Equal(original.Tenants.Select(t => t.KeyValue).Order(), after.Tenants.Select(t => t.KeyValue).Order());
        Assert.Equal(original.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task SharingRulesPage_ChineseAdministratorSavesRatiosNotSummingToOne_SeesTheReasonInChinese()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Administrator, "zh-CN");
        int id;
        await using (var read = db.CreateDbContext())
        {
            id = (await read.SharingRules.OrderBy(r => r.Id).FirstAsync()).Id;
        }

        var cut = page.Render<SharingRulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll($"[data-testid=sharing-open-{id}]")), Wait);
        cut.Find($"[data-testid=sharing-open-{id}]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input[data-testid^=sharing-value-]")), Wait);
        var first = cut.FindAll("input[data-testid^=sharing-value-]")[0];
        var value = decimal.Parse(first.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        first.Change((value + 0.01m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("[data-testid=sharing-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("固定比例之和为 1.01", cut.Find("[data-testid=config-errors]").TextContent), Wait);
        Assert.Contains("不等于 1。", cut.Find("[data-testid=config-errors]").TextContent);
        Assert.DoesNotContain("not exactly 1", cut.Find("[data-testid=config-errors]").TextContent);
    }

    [Fact]
    public async Task SharingRulesPage_Manager_OpensARuleReadOnly()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var page = Context(db, Roles.Manager);

        var cut = page.Render<SharingRulesPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid^=sharing-open-]")), Wait);
        cut.FindAll("[data-testid^=sharing-open-]")[0].Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=sharing-editor]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=sharing-save]"));
        Assert.Empty(cut.FindAll("[data-testid=sharing-new]"));
        Assert.True(cut.Find("input[data-testid=sharing-name]").HasAttribute("readonly"));
    }
}
