using Microsoft.AspNetCore.Components;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Billing;

namespace Prepaid.App.Accounts.Pages;

/// <summary>
/// Where a payment would go before the money is taken (the fees owed first, then each meter), and for a shop whose
/// electricity and water meters both hold their money, the water amount the cashier may name within the split rule's
/// limits (electricity takes the rest). A water amount outside them is answered with the limits and changes nothing;
/// the desk's service checks the named amount again when it takes the money.
/// </summary>
public partial class RechargePreview
{
    private PaymentPreview? _preview;
    private (int, decimal?) _loadedFor;
    private decimal? _typed;
    private string? _error;

    [Parameter, EditorRequired] public int AccountId { get; set; }
    /// <summary>The amount typed; null or not in whole fen shows nothing.</summary>
    [Parameter, EditorRequired] public decimal? Amount { get; set; }
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;
    /// <summary>The water amount the preview accepted (null: the rule's split); the page sends it with the payment.</summary>
    [Parameter] public EventCallback<decimal?> WaterChanged { get; set; }

    [Inject] private IEnumerable<IPaymentPlanner> Planners { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (AccountId, Amount))
        {
            return;
        }

        // A new amount or account starts from the rule's split; the page forgets its choice the same way.
        _loadedFor = (AccountId, Amount);
        (_typed, _error) = (null, null);
        await LoadAsync(null);
    }

    private async Task LoadAsync(decimal? water)
    {
        _preview = null;
        if (Amount is not { } amount || amount <= 0 || !Fen.IsWhole(amount))
        {
            return;
        }

        foreach (var planner in Planners)
        {
            _preview = await planner.PreviewAsync(AccountId, amount, water, CancellationToken.None);
        }
    }

    private async Task OnWaterTyped(decimal? water)
    {
        _typed = water;
        _error = null;
        if (water is null)
        {
            await UseRuleAsync();
            return;
        }

        if (_preview?.Choice is not { } choice)
        {
            return;
        }

        if (!Fen.IsWhole(water.Value) || !choice.Allows(water.Value))
        {
            // Nothing changes: the preview and the amount the page will send stay as they were.
            _error = Fen.IsWhole(water.Value)
                ? L["Cashier.Split.OutOfRange", Money(water.Value), Money(choice.MinWater), Money(choice.MaxWater)]
                : L["Cashier.Split.NotFen"];
            return;
        }

        await LoadAsync(water);
        await WaterChanged.InvokeAsync(_preview?.Choice?.Chosen);
    }

    private async Task UseRuleAsync()
    {
        (_typed, _error) = (null, null);
        await LoadAsync(null);
        await WaterChanged.InvokeAsync(null);
    }

    private IEnumerable<string> Lines(PaymentPreview preview)
    {
        foreach (var s in preview.Settlements)
        {
            yield return $"{ReceiptHtml.ChargeName(s.Charge, L, Zone)}: {Money(s.Amount)}";
        }

        foreach (var p in preview.Parts)
        {
            yield return $"{ReceiptHtml.MeterName(p.MeterName, p.Kind, L)}: {Money(p.Amount)}";
        }
    }

    private static string Money(decimal value) => RechargePanel.Money(value);
}
