using Prepaid.Domain.Model;

namespace Prepaid.App.Demo.History;

/// <summary>How one tenant pays at the cashier in the demo history, drawn once from the seeded random.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Prompt">True: pays when the balance reaches alarm amount 1; false: lets it run to zero (and is tripped), then pays.</param>
/// <param name="DeskMinute">Minute of the site day the tenant comes to the desk (09:00 to 17:45).</param>
/// <param name="Method">How the tenant pays.</param>
/// <param name="Multiple">The recharge is this many times alarm amount 1, rounded up to 100 yuan.</param>
internal sealed record TenantPayer(int AccountId, bool Prompt, int DeskMinute, PaymentMethod Method, int Multiple)
{
    public const double PromptShare = 0.8;

    // The desk takes cash, card and transfer (WeChat and Alipay arrive through the online channel, not the cashier).
    private static readonly PaymentMethod[] Methods = [PaymentMethod.Cash, PaymentMethod.BankCard, PaymentMethod.BankCard, PaymentMethod.Transfer];

    public static TenantPayer Draw(int accountId, Random random) => new(
        accountId,
        random.NextDouble() < PromptShare,
        (9 * 60) + (15 * random.Next(0, 36)),
        Methods[random.Next(Methods.Length)],
        random.Next(4, 11));

    /// <summary>The recharge amount: <see cref="Multiple"/> times alarm amount 1, plus what is owed, in whole hundreds.</summary>
    public decimal Amount(decimal alarmAmount1, decimal balance)
    {
        var wanted = (Math.Max(alarmAmount1, 100m) * Multiple) + (balance < 0 ? -balance : 0m);
        return decimal.Ceiling(wanted / 100m) * 100m;
    }
}
