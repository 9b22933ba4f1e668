using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Configuration;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Configuration;

/// <summary>The configuration service on a fresh demo database, with the principals the tests act as.</summary>
internal sealed class ConfigurationTestKit(TestDatabase db) : IAsyncDisposable
{
    public static readonly ClaimsPrincipal Admin = Principal("admin", Roles.Administrator);
    public static readonly ClaimsPrincipal Manager = Principal("manager", Roles.Manager);
    public static readonly ClaimsPrincipal Cashier = Principal("cashier", Roles.Finance);

    public TestDatabase Db { get; } = db;
    public FakeTimeProvider Clock { get; } = new(TestTime.DefaultStart);
    public ConfigurationChangeSignal Signal { get; } = new();
    public ConfigurationService Service => new(Db, new AuditLog(Db, Clock), Signal, Clock);
    public ConfigurationQuery Query => new(Db);

    public static async Task<ConfigurationTestKit> CreateAsync(bool seedDemo = true) => new(await TestDatabase.CreateAsync(seedDemo));

    public static ClaimsPrincipal Principal(string name, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));

    /// <summary>The first bus of gateway GW-S1 with its meters, as stored.</summary>
    public async Task<(Domain.Model.Bus Bus, List<Domain.Model.Meter> Meters)> FirstBusAsync()
    {
        await using var ctx = Db.CreateDbContext();
        var gateway = await ctx.Gateways.SingleAsync(g => g.Name == "GW-S1");
        var bus = await ctx.Buses.SingleAsync(b => b.GatewayId == gateway.Id && b.PortNumber == 1);
        return (bus, await ctx.Meters.Where(m => m.BusId == bus.Id).OrderBy(m => m.UnitId).ToListAsync());
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
