using System.Globalization;
using Microsoft.Extensions.Localization;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts;

/// <summary>What the ledger view needs to name an entry's cause: meter names by id and receipt numbers by the
/// ledger key of the recharge they belong to.</summary>
public sealed record LedgerCauseNames(IReadOnlyDictionary<int, string> Meters, IReadOnlyDictionary<string, string> Receipts)
{
    /// <summary>No names known: entries are described without meter or receipt.</summary>
    public static LedgerCauseNames None { get; } = new(new Dictionary<int, string>(), new Dictionary<string, string>());
}

/// <summary>Describes a ledger entry in the reader's language from its structured fields (kind, cause type and id),
/// because the stored note is written once, in English, by whichever job posted it.</summary>
public static class LedgerDescriptions
{
    /// <summary>Cause type of interval charges; the cause id is "{meterId}:{interval start UTC}Z".</summary>
    public const string IntervalCauseType = "interval";
    public const string PropertyFeeCauseType = "property-fee";
    public const string SharingCauseType = "public-area-sharing";
    public const string RechargeCauseType = "recharge-order";
    public const string RefundCauseType = "refund-request";
    public const string ReversalCauseType = "entry";

    public static string Describe(LedgerEntry e, LedgerCauseNames names, IStringLocalizer L, TimeZoneInfo zone)
    {
        switch (e.CauseType)
        {
            case IntervalCauseType when ParseInterval(e.CauseId) is var (meterId, start):
                var meter = names.Meters.TryGetValue(meterId, out var name) ? name : "#" + meterId.ToString(CultureInfo.InvariantCulture);
                var key = e.Kind == LedgerEntryKind.WaterCharge ? "Accounts.Desc.WaterInterval" : "Accounts.Desc.EnergyInterval";
                return L[key, meter, TimeZoneInfo.ConvertTime(start, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)];
            case PropertyFeeCauseType when !string.IsNullOrEmpty(e.CauseId):
                return L["Accounts.Desc.PropertyFee", e.CauseId];
            case SharingCauseType when e.CauseId?.Split(':') is [_, var month]:
                return L["Accounts.Desc.Sharing", month];
            case RechargeCauseType:
                return names.Receipts.TryGetValue(e.IdempotencyKey, out var receipt)
                    ? L["Accounts.Desc.RechargeReceipt", receipt]
                    : L["Cashier.Kind." + e.Kind];
            case RefundCauseType when !string.IsNullOrEmpty(e.CauseId):
                return L["Accounts.Desc.Refund", e.CauseId];
            case ReversalCauseType when e.Kind == LedgerEntryKind.Reversal:
                return e.CauseId is { } target && names.Receipts.TryGetValue(target, out var reversed)
                    ? L["Accounts.Desc.ReversalOfReceipt", reversed]
                    : L["Accounts.Desc.Reversal"];
            case MeterPurchases.CauseType when e.CauseId?.LastIndexOf(':') is > 0 and var colon
                && int.TryParse(e.CauseId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var purchasedFor):
                return L["Accounts.Desc.MeterPurchase", names.Meters.TryGetValue(purchasedFor, out var meterName) ? meterName : "#" + purchasedFor.ToString(CultureInfo.InvariantCulture)];
            case AccountLifecycle.TransferCauseType:
                return L[e.Amount >= 0 ? "Accounts.Desc.TransferIn" : "Accounts.Desc.TransferOut"];
        }

        return e.Kind == LedgerEntryKind.OpeningBalance ? L["Accounts.Desc.Opening"] : L["Cashier.Kind." + e.Kind];
    }

    /// <summary>The meter id and interval start of an interval charge's cause id, or null when it is not one.</summary>
    public static (int MeterId, DateTimeOffset Start)? ParseInterval(string? causeId)
    {
        var colon = causeId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (causeId is null || colon <= 0)
        {
            return null;
        }

        if (!int.TryParse(causeId.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var meterId)
            || !DateTimeOffset.TryParseExact(causeId[(colon + 1)..], "yyyy-MM-ddTHH:mm'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            return null;
        }

        return (meterId, start);
    }
}
