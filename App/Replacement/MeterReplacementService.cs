using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Metering;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;

using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Replacement;

/// <summary>
/// Swaps the device of a metering point. The old device's final reading goes through the reading processor like any
/// reading (its consumption since the last reading is real usage); then the baseline becomes the new device's
/// initial register, so the next delta is measured against it and the swap itself is never consumption. Under meter
/// billing the old device's remaining amount becomes a <see cref="PendingBalanceTransfer"/> for the purchase
/// delivery (no ledger entry: the money only moves device). Needs EditConfiguration; audited.
/// </summary>
public sealed class MeterReplacementService(
    IDbContextFactory<PrepaidDb> dbFactory,
    IReadingIntake processor,
    AuditLog audit,
    TimeProvider time)
{
    public const decimal MaxReading = 99_999_999m;

    public static string TransferKey(long replacementId) => $"meter-replacement:{replacementId}";

    /// <summary>Whether the meter holds its own balance (internal control), so a swap carries it.</summary>
    public static bool CarriesBalance(Meter meter) =>
        meter.BillingMode == BillingMode.Meter && meter.Profile is MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater;

    /// <summary>Primary-side units per register unit (CT x PT for electricity, 1 for water).</summary>
    public static decimal Ratio(Meter meter) => meter.Kind == MeterKind.Water ? 1m : Math.Max(1, meter.CtRatio) * Math.Max(1, meter.PtRatio);

    /// <exception cref="PermissionDeniedException">The actor may not edit configuration.</exception>
    /// <exception cref="MeterReplacementException">A rule is broken; nothing changed.</exception>
    public async Task<MeterReplacement> ReplaceAsync(ClaimsPrincipal actor, MeterReplacementRequest request, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.EditConfiguration);
        ArgumentNullException.ThrowIfNull(request);
        var user = actor.Identity!.Name!;
        Meter meter;
        MeterLiveState? state;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == request.MeterId, cancellationToken)
                ?? throw new MeterReplacementException("meter", $"No meter with id {request.MeterId}.");
            state = await db.MeterLiveStates.AsNoTracking().SingleOrDefaultAsync(s => s.MeterId == meter.Id, cancellationToken);
            await CheckAsync(db, meter, request, cancellationToken);
        }

        var now = time.GetUtcNow();
        var ratio = Ratio(meter);
        var finalConsumption = CheckFinalReading(meter, state, request.OldFinalReading * ratio, now);
        if (finalConsumption is not null)
        {
            // Judged as CheckFinalReading judged it: no later reading of the old meter will widen the window.
            await processor.ProcessAsync([new AcquiredReading(meter.Id, FinalReading(meter, state!, request.OldFinalReading * ratio, now))], cancellationToken, TimeSpan.Zero);
        }

        await using var ctx = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await ctx.Database.BeginTransactionAsync(cancellationToken);
        var tracked = await ctx.Meters.SingleAsync(m => m.Id == meter.Id, cancellationToken);
        tracked.SerialNumber = request.NewSerialNumber.Trim();
        tracked.UnitId = request.NewUnitId;
        var live = await ctx.MeterLiveStates.SingleOrDefaultAsync(s => s.MeterId == meter.Id, cancellationToken);
        if (live is null)
        {
            live = new MeterLiveState { MeterId = meter.Id };
            ctx.MeterLiveStates.Add(live);
        }

        SetBaseline(live, meter, request.NewInitialReading * ratio, now);
        var replacement = new MeterReplacement
        {
            MeterId = meter.Id,
            ReplacedAt = now,
            ReplacedBy = user,
            Reason = request.Reason.Trim(),
            OldSerialNumber = meter.SerialNumber,
            OldUnitId = meter.UnitId,
            OldFinalReading = request.OldFinalReading,
            FinalConsumption = finalConsumption ?? 0m,
            NewSerialNumber = tracked.SerialNumber,
            NewUnitId = request.NewUnitId,
            NewInitialReading = request.NewInitialReading,
            CarriedBalance = CarriesBalance(meter) ? request.OldRemainingYuan : null,
        };
        ctx.MeterReplacements.Add(replacement);
        await ctx.SaveChangesAsync(cancellationToken);
        if (replacement.CarriedBalance is { } carried && carried != 0m)
        {
            ctx.PendingBalanceTransfers.Add(new PendingBalanceTransfer
            {
                ReplacementId = replacement.Id,
                MeterId = meter.Id,
                AccountId = meter.AccountId,
                Amount = carried,
                IdempotencyKey = TransferKey(replacement.Id),
                State = BalanceTransferState.Pending,
                CreatedAt = now,
            });
            await ctx.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await audit.WriteAsync(AuditKind.ConfigurationChange, "meter.replace", user, address, $"meter:{meter.Id}",
            new { serial = meter.SerialNumber, unitId = meter.UnitId, finalReading = request.OldFinalReading, remaining = request.OldRemainingYuan },
            new { replacement.Id, serial = replacement.NewSerialNumber, unitId = replacement.NewUnitId, initialReading = request.NewInitialReading,
                finalConsumption = replacement.FinalConsumption, carriedBalance = replacement.CarriedBalance, reason = replacement.Reason },
            cancellationToken);
        return replacement;
    }

    /// <summary>Earlier replacements of a meter, newest first, with their transfers.</summary>
    public async Task<IReadOnlyList<(MeterReplacement Replacement, PendingBalanceTransfer? Transfer)>> HistoryAsync(int meterId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var replacements = await db.MeterReplacements.AsNoTracking().Where(r => r.MeterId == meterId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var transfers = await db.PendingBalanceTransfers.AsNoTracking().Where(t => t.MeterId == meterId).ToDictionaryAsync(t => t.ReplacementId, cancellationToken);
        return [.. replacements.Select(r => (r, transfers.GetValueOrDefault(r.Id)))];
    }

    private static async Task CheckAsync(PrepaidDb db, Meter meter, MeterReplacementRequest r, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Trim().Length > 500)
        {
            throw new MeterReplacementException("reason", "A replacement needs a reason of 1 to 500 characters.");
        }

        var serial = r.NewSerialNumber?.Trim() ?? "";
        if (serial.Length is 0 or > 64)
        {
            throw new MeterReplacementException("serial", "The new meter's serial number must have 1 to 64 characters.");
        }

        if (serial == meter.SerialNumber)
        {
            throw new MeterReplacementException("serial", $"The new meter's serial number is the old one's ({serial}).");
        }

        if (await db.Meters.AnyAsync(m => m.SerialNumber == serial && m.Id != meter.Id, cancellationToken))
        {
            throw new MeterReplacementException("serial", $"Another meter already has the serial number {serial}.");
        }

        if (r.NewUnitId is < 1 or > 247)
        {
            throw new MeterReplacementException("unit", $"The new meter's address ({r.NewUnitId}) must be a Modbus unit id from 1 to 247.");
        }

        if (await db.Meters.AnyAsync(m => m.BusId == meter.BusId && m.UnitId == r.NewUnitId && m.Id != meter.Id, cancellationToken))
        {
            throw new MeterReplacementException("unit", $"Another meter on the same bus already answers at address {r.NewUnitId}.");
        }

        foreach (var (code, value) in new[] { ("final", r.OldFinalReading), ("initial", r.NewInitialReading) })
        {
            if (value < 0 || value > MaxReading || decimal.Round(value, 2) != value)
            {
                throw new MeterReplacementException(code, $"A register reading ({value}) must be between 0 and {MaxReading} with at most 2 decimals.");
            }
        }

        if (CarriesBalance(meter))
        {
            if (r.OldRemainingYuan is not { } remaining)
            {
                throw new MeterReplacementException("remaining", "This meter holds its own balance: enter the old meter's remaining amount.");
            }

            if (!Fen.IsWhole(remaining) || Math.Abs(remaining) > 10_000_000m)
            {
                throw new MeterReplacementException("remaining", $"The remaining amount ({remaining}) must be in whole fen and at most 10,000,000 yuan either way.");
            }
        }
    }

    /// <summary>The consumption from the last accepted reading to the final one, or null when there is no baseline.</summary>
    private static decimal? CheckFinalReading(Meter meter, MeterLiveState? state, decimal finalPrimary, DateTimeOffset now)
    {
        var previous = meter.Kind == MeterKind.Water ? state?.VolumeM3 : state?.EnergyKwh;
        if (state?.LastGoodAt is not { } previousAt || previous is not { } baseline)
        {
            return null;
        }

        if (previousAt >= now)
        {
            throw new MeterReplacementException("final", "The last reading is not older than now; try again in a moment.");
        }

        // A final reading by hand cannot wait for a later one: its window is judged as it is (no minimum window).
        var delta = EnergyDeltaRule.Classify(baseline, finalPrimary, now - previousAt, PlausibleRate.For(meter.Profile, meter.CtRatio, meter.PtRatio),
            CountingResolution.For(meter.Profile, meter.CtRatio, meter.PtRatio), TimeSpan.Zero);
        return delta.Kind switch
        {
            EnergyDeltaKind.Valid => delta.Delta,
            EnergyDeltaKind.Negative => throw new MeterReplacementException("final",
                $"The final reading ({finalPrimary / Ratio(meter)}) is below the last reading ({baseline / Ratio(meter)}); check the value."),
            _ => throw new MeterReplacementException("final",
                $"The final reading implies {delta.ImpliedKw} per hour since the last reading, more than the meter can measure; check the value."),
        };
    }

    private static MeterReading FinalReading(Meter meter, MeterLiveState state, decimal finalPrimary, DateTimeOffset now) => new()
    {
        Profile = meter.Profile,
        Quality = ValueQuality.Good,
        SourceTime = now,
        RemainingYuan = state.RemainingYuan,
        PurchaseCount = state.PurchaseCount,
        Status = (MeterStatusFlags)state.StatusFlags,
        RelayClosed = state.SupplyOn is { } on ? [on] : [],
        Water = meter.Kind == MeterKind.Water ? new WaterValues(finalPrimary, 0m, state.SupplyOn == false ? ValveState.Closed : ValveState.Open) : null,
        Electrical = meter.Kind == MeterKind.Water ? null : new ElectricalValues
        {
            VoltagesV = [], CurrentsA = [], ActivePowersKw = [], TotalActivePowerKw = 0m, TotalReactivePowerKvar = 0m, PowerFactors = [], TotalPowerFactor = 0m,
            PtRatio = meter.PtRatio, CtRatio = meter.CtRatio, TotalEnergyKwh = finalPrimary, RegisterEnergyKwh = finalPrimary / Ratio(meter),
            // The per-rate registers are not read by hand: unknown rates make the processor count the total only.
            EnergyByRateKwh = new Dictionary<TouRate, decimal>(), OverPowerTripCount = 0,
        },
    };

    private static void SetBaseline(MeterLiveState live, Meter meter, decimal initialPrimary, DateTimeOffset now)
    {
        live.UpdatedAt = now;
        live.LastGoodAt = now;
        live.Quality = ValueQuality.Good;
        live.LastError = null;
        if (meter.Kind == MeterKind.Water)
        {
            live.VolumeM3 = initialPrimary;
        }
        else
        {
            live.EnergyKwh = initialPrimary;
            // Unknown until the new meter is read: the first delta then counts its total only.
            live.SharpKwh = live.PeakKwh = live.FlatKwh = live.ValleyKwh = null;
            live.PowerKw = null;
        }

        // The new device's own balance and purchase count are learnt from its first reading.
        live.RemainingYuan = null;
        live.PurchaseCount = null;
    }
}
