using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Fees;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Tests.Kernel.Ledger;
using Prepaid.Domain.Billing;

namespace Prepaid.App.Tests.Fees;

/// <summary>The ledger test bed's tenants with leased areas and fee settings, and a property fee service on its clock.</summary>
internal static class FeeTestBed
{
    public static PropertyFeeService Service(LedgerTestBed bed, int maxCatchUpMonths = 2) => new(
        bed.Database, bed.Ledger, Options.Create(new PropertyFeeOptions { MaxCatchUpMonths = maxCatchUpMonths }), bed.Clock,
        NullLogger<PropertyFeeService>.Instance);

    /// <summary>Gives tenant number <paramref name="index"/> (0-based) an area and a fee from <paramref name="effectiveFrom"/>.</summary>
    public static async Task<int> ConfigureAsync(LedgerTestBed bed, int index, decimal area, PropertyFeeBasis basis, decimal rate, DateOnly effectiveFrom)
    {
        await using var db = bed.Database.CreateDbContext();
        var accountId = bed.AccountIds[index];
        var tenantId = await db.Accounts.Where(a => a.Id == accountId).Select(a => a.TenantId).SingleAsync();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
        tenant.LeasedAreaM2 = area;
        db.PropertyFeeSettings.Add(new PropertyFeeSetting
        {
            TenantId = tenantId, Basis = basis, Rate = rate, EffectiveFrom = effectiveFrom, UpdatedAt = bed.Clock.GetUtcNow(), UpdatedBy = "test",
        });
        await db.SaveChangesAsync();
        return tenantId;
    }

    /// <summary>Moves the clock forward to <paramref name="utc"/>.</summary>
    public static void SetClock(LedgerTestBed bed, DateTimeOffset utc) => bed.Clock.SetUtcNow(utc);
}
