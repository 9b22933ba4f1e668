using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Configuration;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Configuration;

public sealed class ConfigurationServiceTests
{
    [Fact]
    public async Task SaveMeterAsync_AddressTakenOnTheBus_RefusedNamingAddressAndNothingChanges()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (_, meters) = await kit.FirstBusAsync();
        var edit = MeterEdit.From(meters[1]);
        edit.UnitId = meters[0].UnitId;

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.SaveMeterAsync(ConfigurationTestKit.Admin, edit, null));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(("Address", "Duplicate"), (error.Field, error.Code));
        Assert.Contains(meters[0].Name, error.Message);
        await using var db = kit.Db.CreateDbContext();
        Assert.Equal(meters[1].UnitId, (await db.Meters.SingleAsync(m => m.Id == meters[1].Id)).UnitId);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Kind == AuditKind.ConfigurationChange));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(248)]
    public async Task SaveMeterAsync_AddressOutOfRange_RefusedWithTheRange(int address)
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (_, meters) = await kit.FirstBusAsync();
        var edit = MeterEdit.From(meters[0]);
        edit.UnitId = address;

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.SaveMeterAsync(ConfigurationTestKit.Admin, edit, null));

        var error = Assert.Single(ex.Errors);
        Assert.Equal($"Address must be between 1 and 247; found {address}.", error.Message);
    }

    [Fact]
    public async Task SaveMeterAsync_InconsistentMeter_GivesEveryReason()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (_, meters) = await kit.FirstBusAsync();
        await using var db = kit.Db.CreateDbContext();
        var water = await db.Tariffs.SingleAsync(t => t.Code == "W-TIER");
        var edit = MeterEdit.From(meters.First(m => m.Role == MeterRole.Tenant && m.Kind == MeterKind.Electricity));
        edit.Profile = MeterProfile.PrepaidWater;
        edit.AccountId = null;
        edit.TariffId = water.Id;
        edit.CtRatio = 0;

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.SaveMeterAsync(ConfigurationTestKit.Admin, edit, null));

        Assert.Equal(
            ["AccountNeeded", "ProfileKind", "Range", "TariffCommodity"],
            ex.Errors.Select(e => e.Code).Order());
        Assert.Contains(ex.Errors, e => e.Message == "Tariff: tariff 'W-TIER' prices Water, the meter measures Electricity.");
    }

    [Fact]
    public async Task SaveMeterAsync_ValidChange_SavedAuditedWithBeforeAndAfterAndSignalled()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (_, meters) = await kit.FirstBusAsync();
        var edit = MeterEdit.From(meters[0]);
        edit.CtRatio = 1234;
        // On a clock that never moves, the wait ends only when the change is signalled.
        var signalled = kit.Signal.WaitAsync(TimeSpan.FromMinutes(1), new FakeTimeProvider(), CancellationToken.None);

        await kit.Service.SaveMeterAsync(ConfigurationTestKit.Admin, edit, "10.0.0.9");

        await using var db = kit.Db.CreateDbContext();
        Assert.Equal(1234, (await db.Meters.SingleAsync(m => m.Id == meters[0].Id)).CtRatio);
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "config.meter.update");
        Assert.Equal(("admin", "10.0.0.9", $"meter:{meters[0].Id}"), (audit.UserName, audit.Address, audit.Target));
        Assert.Contains($"\"CtRatio\":{meters[0].CtRatio},", audit.Before);
        Assert.Contains("\"CtRatio\":1234,", audit.After);
        await signalled.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SaveBusAsync_BaudNotAllowedAndTimeoutTooShort_RefusedWithBothReasons()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (bus, _) = await kit.FirstBusAsync();
        var edit = new BusEdit { Id = bus.Id, GatewayId = bus.GatewayId, PortNumber = bus.PortNumber, TcpPort = bus.TcpPort, Name = bus.Name, BaudRate = 115200, ResponseTimeoutMs = 10 };

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.SaveBusAsync(ConfigurationTestKit.Admin, edit, null));

        Assert.Equal(
            ["Baud must be one of 1200, 2400, 4800, 9600, 19200, 38400; found '115200'.", "TimeoutMs must be between 50 and 10000; found 10."],
            ex.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task SaveBusAsync_TcpEndpointOfAnotherBus_Refused()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (bus, _) = await kit.FirstBusAsync();
        var gateway = await kit.Service.SaveGatewayAsync(ConfigurationTestKit.Admin, new GatewayEdit { Name = "GW-NEW", Host = "127.0.0.1" }, null);

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.SaveBusAsync(ConfigurationTestKit.Admin,
            new BusEdit { GatewayId = gateway, PortNumber = 1, TcpPort = bus.TcpPort, Name = "NEW-COM1" }, null));

        Assert.Equal(("TcpPort", "Duplicate"), (ex.Errors[0].Field, ex.Errors[0].Code));
    }

    [Fact]
    public async Task SaveGatewayAsync_NameTakenOrBadHost_Refused()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() =>
            kit.Service.SaveGatewayAsync(ConfigurationTestKit.Admin, new GatewayEdit { Name = "GW-S1", Host = "not a host!" }, null));

        Assert.Equal(["BadHost", "Duplicate"], ex.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public async Task DeleteAsync_GatewayWithBusesOrBusWithMeters_RefusedAndKept()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (bus, _) = await kit.FirstBusAsync();

        var gateway = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.DeleteGatewayAsync(ConfigurationTestKit.Admin, bus.GatewayId, null));
        var busError = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.DeleteBusAsync(ConfigurationTestKit.Admin, bus.Id, null));

        Assert.Equal("Name: GW-S1 cannot be deleted while it has buses.", gateway.Errors[0].Message);
        Assert.Equal("InUse", busError.Errors[0].Code);
        await using var db = kit.Db.CreateDbContext();
        Assert.True(await db.Buses.AnyAsync(b => b.Id == bus.Id));
    }

    [Fact]
    public async Task CreateThenDelete_NewGatewayBusMeterAndTenant_AllAuditedAndGone()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var admin = ConfigurationTestKit.Admin;
        var gateway = await kit.Service.SaveGatewayAsync(admin, new GatewayEdit { Name = "GW-X", Host = "10.1.2.3", Framing = GatewayFraming.RtuOverTcp }, null);
        var bus = await kit.Service.SaveBusAsync(admin, new BusEdit { GatewayId = gateway, PortNumber = 1, TcpPort = 4001, Name = "X-COM1", BaudRate = 19200, Parity = SerialParity.Even }, null);
        var tenant = await kit.Service.SaveTenantAsync(admin, new TenantEdit
        {
            UnitNumber = "X-001", Name = "测试店", NameEn = "Test shop", LeasedAreaM2 = 42.5m, ContactName = "王", Mobile = "13800001111", AccountNumber = "X000001",
        }, null);
        await using var db = kit.Db.CreateDbContext();
        var account = await db.Accounts.SingleAsync(a => a.Number == "X000001");
        var meter = await kit.Service.SaveMeterAsync(admin, new MeterEdit
        {
            BusId = bus, UnitId = 7, SerialNumber = "X-SN-7", Name = "X-001-E", Role = MeterRole.Tenant, Profile = MeterProfile.PrepaidSinglePhase, AccountId = account.Id, PowerLimitKw = 12.5m,
        }, null);

        Assert.Equal(tenant, account.TenantId);
        await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.DeleteTenantAsync(admin, tenant, null));
        await kit.Service.DeleteMeterAsync(admin, meter, null);
        await kit.Service.DeleteTenantAsync(admin, tenant, null);
        await kit.Service.DeleteBusAsync(admin, bus, null);
        await kit.Service.DeleteGatewayAsync(admin, gateway, null);

        Assert.False(await db.Gateways.AnyAsync(g => g.Id == gateway));
        Assert.False(await db.Accounts.AnyAsync(a => a.Number == "X000001"));
        Assert.Equal(
            ["config.bus.create", "config.bus.delete", "config.gateway.create", "config.gateway.delete", "config.meter.create", "config.meter.delete", "config.tenant.create", "config.tenant.delete"],
            (await db.AuditEntries.Where(a => a.Kind == AuditKind.ConfigurationChange).Select(a => a.Action).ToListAsync()).Order());
    }

    [Fact]
    public async Task SaveTenantAsync_UnitOrAccountTaken_Refused()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var rows = await kit.Query.TenantsAsync(ConfigurationTestKit.Admin);
        var existing = rows[0];

        var ex = await Assert.ThrowsAsync<ConfigurationValidationException>(() => kit.Service.SaveTenantAsync(ConfigurationTestKit.Admin, new TenantEdit
        {
            UnitNumber = existing.Tenant.UnitNumber, Name = "A", NameEn = "A", ContactName = "B", Mobile = "12", AccountNumber = existing.AccountNumber!,
        }, null));

        Assert.Equal(["Account:Duplicate", "Mobile:BadMobile", "Unit:Duplicate"], ex.Errors.Select(e => e.Field + ":" + e.Code).Order());
    }

    [Fact]
    public async Task Permissions_ManagerReadsButCannotEdit_CashierCannotRead()
    {
        await using var kit = await ConfigurationTestKit.CreateAsync();
        var (_, meters) = await kit.FirstBusAsync();

        Assert.NotEmpty(await kit.Query.MetersAsync(ConfigurationTestKit.Manager));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => kit.Service.SaveMeterAsync(ConfigurationTestKit.Manager, MeterEdit.From(meters[0]), null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => kit.Service.DeleteGatewayAsync(ConfigurationTestKit.Manager, 1, null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => kit.Query.GatewaysAsync(ConfigurationTestKit.Cashier));
    }
}
