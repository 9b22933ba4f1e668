using System.Text.Json;
using Prepaid.App.Kernel.Commands;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>The DeliverPurchase commands of recharge delivery: how one is made and how its failure reads.</summary>
internal static class PurchaseCommands
{
    /// <summary>A new journaled purchase of <paramref name="amount"/> yuan for <paramref name="meterId"/>, not yet sent.</summary>
    public static MeterCommand New(int meterId, decimal amount, string requestedBy, string reason, DateTimeOffset at) => new()
    {
        MeterId = meterId,
        Kind = MeterCommandKind.DeliverPurchase,
        State = MeterCommandState.Requested,
        RequestedAt = at,
        RequestedBy = requestedBy,
        Reason = Truncate(reason),
        PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(amount, null)),
    };

    /// <summary>The driver's words for a read-back count that is neither N nor N+1 (another purchase, a meter swap).</summary>
    public static bool IsCountMismatch(MeterCommand command) =>
        command.State == MeterCommandState.Failed && command.Error is { } error && error.Contains("Count mismatch", StringComparison.Ordinal);

    public static string Truncate(string text) => text.Length > 500 ? text[..500] : text;
}
