using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Money;

namespace Prepaid.Domain.Tests.Billing;

public sealed class InMemoryLedgerTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static LedgerEntry Entry(
        string key, LedgerEntryKind kind, decimal amount, int account = 1, PaymentMethod? method = null, string? causeId = null) => new()
        {
            AccountId = account,
            Kind = kind,
            Amount = amount,
            PaymentMethod = method ?? (kind is LedgerEntryKind.Recharge or LedgerEntryKind.Refund ? PaymentMethod.Cash : null),
            IdempotencyKey = key,
            OccurredAt = At,
            RecordedBy = "cashier1",
            CauseType = causeId is null ? null : "order",
            CauseId = causeId,
        };

    private static LedgerRule Broken(Action action) => Assert.Throws<LedgerRuleException>(action).Rule;

    [Fact]
    public void Append_NewKey_StoresWithIncreasingIdAndBalanceIsTheSum()
    {
        var ledger = new InMemoryLedger();

        var a = ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 100.10m));
        var b = ledger.Append(Entry("c1", LedgerEntryKind.EnergyCharge, -0.1234m));

        Assert.True(a.Appended);
        Assert.Equal(1, a.Entry.Id);
        Assert.Equal(2, b.Entry.Id);
        Assert.Equal(99.9766m, ledger.Balance(1));
        Assert.Equal(0m, ledger.Balance(2));
    }

    [Fact]
    public void Append_RetriedKeyIdenticalContent_IsNoOpReturningTheOriginal()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 100m, causeId: "order-9"));
        var retry = Entry("r1", LedgerEntryKind.Recharge, 100.00m, causeId: "order-9");
        retry.RecordedBy = "payment-callback";
        retry.OccurredAt = At.AddMinutes(1);

        var result = ledger.Append(retry);

        Assert.False(result.Appended);
        Assert.Equal(1, result.Entry.Id);
        Assert.Equal("cashier1", result.Entry.RecordedBy);
        Assert.Equal(1, ledger.Count);
        Assert.Equal(100m, ledger.Balance(1));
    }

    [Theory]
    [InlineData(101, 1, PaymentMethod.Cash, "order-9")]
    [InlineData(100, 2, PaymentMethod.Cash, "order-9")]
    [InlineData(100, 1, PaymentMethod.WeChat, "order-9")]
    [InlineData(100, 1, PaymentMethod.Cash, "order-10")]
    public void Append_RetriedKeyDifferentContent_IsAConflict(int amount, int account, PaymentMethod method, string cause)
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 100m, causeId: "order-9"));

        Assert.Equal(
            LedgerRule.IdempotencyKeyConflict,
            Broken(() => ledger.Append(Entry("r1", LedgerEntryKind.Recharge, amount, account, method, cause))));
        Assert.Equal(1, ledger.Count);
    }

    [Theory]
    [InlineData(LedgerEntryKind.Recharge, "-1", LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.EnergyCharge, "1", LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.PropertyFee, "0", LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.Adjustment, "0", LedgerRule.InvalidSign)]
    [InlineData(LedgerEntryKind.WaterCharge, "-0.00001", LedgerRule.TooPrecise)]
    public void Append_WrongSignOrPrecision_IsRefused(LedgerEntryKind kind, string amount, LedgerRule expected)
    {
        var ledger = new InMemoryLedger();

        Assert.Equal(expected, Broken(() => ledger.Append(
            Entry("k", kind, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.Equal(0, ledger.Count);
    }

    [Fact]
    public void Append_MissingFields_AreRefused()
    {
        var ledger = new InMemoryLedger();
        var noMethod = Entry("r", LedgerEntryKind.Recharge, 1m);
        noMethod.PaymentMethod = null;
        var noKey = Entry(" ", LedgerEntryKind.Adjustment, 1m);

        Assert.Equal(LedgerRule.MissingPaymentMethod, Broken(() => ledger.Append(noMethod)));
        Assert.Equal(LedgerRule.MissingField, Broken(() => ledger.Append(noKey)));
    }

    [Fact]
    public void Append_RefundUpToTheBalance_IsAllowedBeyondIsRefusedEvenWithOverdraft()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 50m));
        ledger.Append(Entry("c1", LedgerEntryKind.EnergyCharge, -20.5m));

        Assert.Equal(LedgerRule.RefundExceedsBalance, Broken(() => ledger.Append(Entry("f1", LedgerEntryKind.Refund, -29.5001m))));
        Assert.True(ledger.Append(Entry("f2", LedgerEntryKind.Refund, -29.5m)).Appended);
        Assert.Equal(0m, ledger.Balance(1));
        Assert.Equal(LedgerRule.RefundExceedsBalance, Broken(() => ledger.Append(Entry("f3", LedgerEntryKind.Refund, -0.0001m))));
    }

    [Fact]
    public void Reverse_Entry_AppendsTheExactOppositeOnce()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 100m, method: PaymentMethod.Alipay));
        ledger.Append(Entry("c1", LedgerEntryKind.EnergyCharge, -12.3456m));

        var reversal = ledger.Reverse("c1", "rev-c1", "manager", At);

        Assert.True(reversal.Appended);
        Assert.Equal(LedgerEntryKind.Reversal, reversal.Entry.Kind);
        Assert.Equal(12.3456m, reversal.Entry.Amount);
        Assert.Equal("c1", reversal.Entry.CauseId);
        Assert.Equal(InMemoryLedger.ReversalCauseType, reversal.Entry.CauseType);
        Assert.Equal(100m, ledger.Balance(1));
        Assert.True(ledger.IsReversed("c1"));
        Assert.False(ledger.Reverse("c1", "rev-c1", "manager", At.AddSeconds(5)).Appended);
        Assert.Equal(LedgerRule.AlreadyReversed, Broken(() => ledger.Reverse("c1", "rev-c1-again", "manager", At)));
        Assert.Equal(LedgerRule.ReversalOfReversal, Broken(() => ledger.Reverse("rev-c1", "rev-rev", "manager", At)));
        Assert.Equal(LedgerRule.ReversalTargetMissing, Broken(() => ledger.Reverse("nope", "rev-nope", "manager", At)));
    }

    [Fact]
    public void Reverse_SpentRecharge_MayTakeTheBalanceBelowZero()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 100m));
        ledger.Append(Entry("c1", LedgerEntryKind.EnergyCharge, -80m));

        ledger.Reverse("r1", "rev-r1", "manager", At);

        Assert.Equal(-80m, ledger.Balance(1));
    }

    [Fact]
    public void Append_HandMadeReversal_MustBeTheExactOpposite()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 100m));
        var wrongAmount = Entry("rev", LedgerEntryKind.Reversal, -99m);
        wrongAmount.CauseType = InMemoryLedger.ReversalCauseType;
        wrongAmount.CauseId = "r1";
        var wrongAccount = Entry("rev", LedgerEntryKind.Reversal, -100m, account: 2);
        wrongAccount.CauseType = InMemoryLedger.ReversalCauseType;
        wrongAccount.CauseId = "r1";
        var noTarget = Entry("rev", LedgerEntryKind.Reversal, -100m);

        Assert.Equal(LedgerRule.ReversalMismatch, Broken(() => ledger.Append(wrongAmount)));
        Assert.Equal(LedgerRule.ReversalMismatch, Broken(() => ledger.Append(wrongAccount)));
        Assert.Equal(LedgerRule.ReversalTargetMissing, Broken(() => ledger.Append(noTarget)));
    }

    [Fact]
    public void Append_OpeningBalance_OnlyFirst()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("open-1", LedgerEntryKind.OpeningBalance, 10m));
        ledger.Append(Entry("open-2", LedgerEntryKind.OpeningBalance, 0m, account: 2));

        Assert.Equal(LedgerRule.OpeningBalanceNotFirst, Broken(() => ledger.Append(Entry("open-1b", LedgerEntryKind.OpeningBalance, 5m))));
    }

    [Fact]
    public void Entries_AreCopies_MutatingThemDoesNotChangeTheLedger()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("r1", LedgerEntryKind.Recharge, 10m));

        ledger.Entries(1)[0].Amount = 1_000_000m;
        ledger.Find("r1")!.Amount = 5m;

        Assert.Equal(10m, ledger.Balance(1));
        Assert.Null(ledger.Find("missing"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(77)]
    [InlineData(2026)]
    [InlineData(65_537)]
    public void Append_RandomSequencesWithRetriesAndReversals_BalanceIsTheSumWithoutDuplicates(int seed)
    {
        var random = new Random(seed);
        var ledger = new InMemoryLedger();
        var model = new Dictionary<string, LedgerEntry>();
        var order = new List<LedgerEntry>();
        var sums = new decimal[4];
        var reversed = new HashSet<string>();
        var kinds = new[] { LedgerEntryKind.EnergyCharge, LedgerEntryKind.WaterCharge, LedgerEntryKind.PropertyFee, LedgerEntryKind.PublicAreaShare };

        for (var step = 0; step < 3000; step++)
        {
            var account = random.Next(1, 4);
            var balance = sums[account];
            var op = random.Next(0, 10);
            if (op <= 2 || model.Count == 0)
            {
                Try(Entry($"k{step}", LedgerEntryKind.Recharge, random.Next(1, 100_000) / 100m, account, (PaymentMethod)random.Next(0, 5)));
            }
            else if (op <= 5)
            {
                Try(Entry($"k{step}", kinds[random.Next(kinds.Length)], -random.Next(1, 500_000) / 10_000m, account));
            }
            else if (op == 6)
            {
                // Sometimes within the balance, sometimes beyond it.
                var amount = random.Next(0, 2) == 0 && balance > 0 ? Math.Max(0.0001m, decimal.Round(balance * random.Next(1, 101) / 100m, 4)) : random.Next(1, 200_000) / 100m;
                Try(Entry($"k{step}", LedgerEntryKind.Refund, -amount, account));
            }
            else if (op == 7)
            {
                var target = order[random.Next(order.Count)].IdempotencyKey;
                var key = random.Next(0, 3) == 0 && reversed.Contains(target) ? order.First(e => e.CauseId == target && e.Kind == LedgerEntryKind.Reversal).IdempotencyKey : $"rev{step}";
                TryReverse(target, key);
            }
            else
            {
                // Retry an earlier key, identical or with changed content.
                var original = order[random.Next(order.Count)];
                var retry = Entry(original.IdempotencyKey, original.Kind, original.Amount, original.AccountId, original.PaymentMethod);
                retry.CauseType = original.CauseType;
                retry.CauseId = original.CauseId;
                var changed = random.Next(0, 2) == 0;
                if (changed)
                {
                    retry.Amount += original.Amount > 0 ? 0.0001m : -0.0001m;
                }

                if (changed)
                {
                    Assert.Equal(LedgerRule.IdempotencyKeyConflict, Broken(() => ledger.Append(retry)));
                }
                else
                {
                    var result = ledger.Append(retry);
                    Assert.False(result.Appended);
                    Assert.Equal(original.Id, result.Entry.Id);
                }
            }

            for (var a = 1; a <= 3; a++)
            {
                Assert.Equal(sums[a], ledger.Balance(a));
                if (step % 100 == 0)
                {
                    Assert.Equal(ledger.Entries(a).Sum(e => e.Amount), ledger.Balance(a));
                }
            }
        }

        var all = ledger.AllEntries();
        Assert.Equal(model.Count, all.Count);
        Assert.Equal(all.Count, all.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Id));
        Assert.All(all, e => Assert.True(LedgerMath.HasValidSign(e.Kind, e.Amount)));
        Assert.All(all.Where(e => e.Kind == LedgerEntryKind.Reversal), r => Assert.Equal(-model[r.CauseId!].Amount, r.Amount));
        Assert.Equal(all.Count(e => e.Kind == LedgerEntryKind.Reversal), all.Where(e => e.Kind == LedgerEntryKind.Reversal).Select(e => e.CauseId).Distinct().Count());

        void Try(LedgerEntry candidate)
        {
            var balanceBefore = ledger.Balance(candidate.AccountId);
            var refundTooLarge = candidate.Kind == LedgerEntryKind.Refund && -candidate.Amount > balanceBefore;
            if (refundTooLarge)
            {
                Assert.Equal(LedgerRule.RefundExceedsBalance, Broken(() => ledger.Append(candidate)));
                Assert.Equal(balanceBefore, ledger.Balance(candidate.AccountId));
                return;
            }

            var result = ledger.Append(candidate);
            Assert.True(result.Appended);
            Record(result.Entry);
        }

        void Record(LedgerEntry stored)
        {
            model.Add(stored.IdempotencyKey, stored);
            order.Add(stored);
            sums[stored.AccountId] += stored.Amount;
        }

        void TryReverse(string target, string key)
        {
            var isReversal = model[target].Kind == LedgerEntryKind.Reversal;
            if (model.TryGetValue(key, out var existing))
            {
                Assert.False(ledger.Reverse(target, key, "manager", At).Appended);
                Assert.Equal(target, existing.CauseId);
            }
            else if (isReversal)
            {
                Assert.Equal(LedgerRule.ReversalOfReversal, Broken(() => ledger.Reverse(target, key, "manager", At)));
            }
            else if (reversed.Contains(target))
            {
                Assert.Equal(LedgerRule.AlreadyReversed, Broken(() => ledger.Reverse(target, key, "manager", At)));
            }
            else
            {
                var result = ledger.Reverse(target, key, "manager", At);
                Assert.True(result.Appended);
                Record(result.Entry);
                reversed.Add(target);
            }
        }
    }

    [Fact]
    public void Append_ConcurrentWritersWithRetriedKeys_NeitherLoseNorDoubleAnEntry()
    {
        var ledger = new InMemoryLedger();
        ledger.Append(Entry("seed", LedgerEntryKind.Recharge, 1_000_000m));

        // Four writers post the same 2,000 charges (a cashier, a callback and two billing runs retrying).
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, writer =>
        {
            var random = new Random(writer);
            foreach (var i in Enumerable.Range(0, 2000).OrderBy(_ => random.Next()))
            {
                ledger.Append(Entry($"charge-{i}", LedgerEntryKind.EnergyCharge, -(i + 1) / 10_000m));
            }
        });

        Assert.Equal(2001, ledger.Count);
        Assert.Equal(1_000_000m - (2000m * 2001m / 2m / 10_000m), ledger.Balance(1));
    }
}
