using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Tests.Billing;

public sealed class PublicAreaSharingTests
{
    private static SharingParticipant P(int tenant, decimal key) => new(tenant, key);

    [Fact]
    public void Allocate_FixedRatio_ChargesPoolTimesRatioAndShowsTheBasis()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.FixedRatio, 1000.00m, [P(1, 0.5m), P(2, 0.3m), P(3, 0.2m)]);

        Assert.Equal([500.00m, 300.00m, 200.00m], result.Parts.Select(p => p.Amount));
        Assert.Equal(new SharingPart(2, 0.3m, 0.3m, 300m, 300m), result.Parts[1]);
        Assert.Equal(0m, result.Unallocated);
        Assert.Equal(1000.00m, result.NetPool);
    }

    [Fact]
    public void Allocate_EqualSplitOfOneHundredAmongThree_GivesTheLeftoverFenToTheSmallestId()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.EqualSplit, 100.00m, [P(9, 0m), P(4, 0m), P(7, 0m)]);

        Assert.Equal([33.33m, 33.34m, 33.33m], result.Parts.Select(p => p.Amount));
        Assert.All(result.Parts, p => Assert.Equal(33.33333333m, p.ExactAmount));
        Assert.All(result.Parts, p => Assert.Equal(1m, p.KeyValue));
    }

    [Fact]
    public void Allocate_TiedRemainders_LargerShareFirst()
    {
        // Exact amounts 0.005 and 0.015: both drop half a fen; the larger area gets the fen.
        var result = PublicAreaSharing.Allocate(SharingKey.LeasedArea, 0.02m, [P(1, 10m), P(2, 30m)]);

        Assert.Equal([0.00m, 0.02m], result.Parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocate_LargestRemainderWins_NotTheLargestShare()
    {
        // Exact 0.0666.. and 0.0333..: floors 0.06 + 0.03; the first drops the larger fraction (0.67 fen) and gets the fen.
        var result = PublicAreaSharing.Allocate(SharingKey.Consumption, 0.10m, [P(1, 2m), P(2, 1m)]);

        Assert.Equal([0.07m, 0.03m], result.Parts.Select(p => p.Amount));
    }

    [Fact]
    public void Allocate_LeasedArea_ProportionalToArea()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.LeasedArea, 12345.67m, [P(1, 120.5m), P(2, 80.25m), P(3, 300m)]);

        Assert.Equal(12345.67m, result.Parts.Sum(p => p.Amount));
        // Exact 2970.8502, 1978.5123, 7396.3075: floors sum to 12345.66, the last drops the largest fraction.
        Assert.Equal([2970.85m, 1978.51m, 7396.31m], result.Parts.Select(p => p.Amount));
        Assert.Equal(0.24063904m, result.Parts[0].Share);
    }

    [Fact]
    public void Allocate_LossAllowance_IsDeductedBeforeSharing()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.EqualSplit, 1000m, [P(1, 0m), P(2, 0m)], lossAllowance: 50m);

        Assert.Equal(950m, result.NetPool);
        Assert.Equal(50m, result.LossAllowance);
        Assert.Equal([475m, 475m], result.Parts.Select(p => p.Amount));
    }

    [Fact]
    public void LossAllowanceFromRate_RoundsHalfAwayFromZero()
    {
        Assert.Equal(0.03m, PublicAreaSharing.LossAllowanceFromRate(0.50m, 0.05m));
        Assert.Equal(61.73m, PublicAreaSharing.LossAllowanceFromRate(1234.56m, 0.05m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicAreaSharing.LossAllowanceFromRate(10m, 1.1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicAreaSharing.LossAllowanceFromRate(-1m, 0.1m));
    }

    [Fact]
    public void Allocate_FixedFee_ChargesTheFeesAndReportsTheRest()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.FixedFee, 1000m, [P(1, 200m), P(2, 300.50m)]);

        Assert.Equal([200m, 300.50m], result.Parts.Select(p => p.Amount));
        Assert.Equal(499.50m, result.Unallocated);
        Assert.Equal(0.39960040m, result.Parts[0].Share);
    }

    [Fact]
    public void Allocate_ZeroPool_AllPartsZero()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.LeasedArea, 0m, [P(1, 10m), P(2, 20m)]);

        Assert.All(result.Parts, p => Assert.Equal(0m, p.Amount));
    }

    [Fact]
    public void Allocate_OneTenant_PaysTheWholePool()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.Consumption, 77.77m, [P(5, 0.0001m)]);

        Assert.Equal(77.77m, Assert.Single(result.Parts).Amount);
        Assert.Equal(1m, result.Parts[0].Share);
    }

    [Fact]
    public void Allocate_ZeroConsumptionForSome_TheyPayNothing()
    {
        var result = PublicAreaSharing.Allocate(SharingKey.Consumption, 10m, [P(1, 0m), P(2, 3m)]);

        Assert.Equal([0m, 10m], result.Parts.Select(p => p.Amount));
    }

    [Theory]
    [InlineData(SharingKey.FixedRatio, "0.5,0.4", "not exactly 1")]
    [InlineData(SharingKey.FixedRatio, "0.5,0.6", "not exactly 1")]
    [InlineData(SharingKey.LeasedArea, "0,0", "sum to zero")]
    [InlineData(SharingKey.Consumption, "-1,2", "key value")]
    [InlineData(SharingKey.LeasedArea, "1.0000001,2", "at most 6 decimals")]
    [InlineData(SharingKey.FixedFee, "1.001,2", "whole fen")]
    [InlineData(SharingKey.FixedRatio, "1000000001,0", "key value")]
    public void Allocate_InvalidKeys_ThrowWithTheRule(SharingKey key, string keys, string expected)
    {
        var participants = keys.Split(',')
            .Select((k, i) => P(i + 1, decimal.Parse(k, System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();

        var error = Assert.Throws<BillingValidationException>(() => PublicAreaSharing.Allocate(key, 100m, participants));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("-0.01", "0", "pool")]
    [InlineData("100.001", "0", "pool")]
    [InlineData("100", "-1", "loss allowance")]
    [InlineData("100", "100.01", "exceeds the pool")]
    [InlineData("100", "0.005", "loss allowance")]
    public void Allocate_InvalidPoolOrAllowance_Throw(string pool, string loss, string expected)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;

        var error = Assert.Throws<BillingValidationException>(() => PublicAreaSharing.Allocate(
            SharingKey.EqualSplit, decimal.Parse(pool, ci), [P(1, 1m)], decimal.Parse(loss, ci)));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Allocate_NoOrDuplicateTenants_Throw()
    {
        Assert.Contains("no tenants", Assert.Throws<BillingValidationException>(
            () => PublicAreaSharing.Allocate(SharingKey.EqualSplit, 1m, [])).Message);
        Assert.Contains("more than once", Assert.Throws<BillingValidationException>(
            () => PublicAreaSharing.Allocate(SharingKey.EqualSplit, 1m, [P(1, 1m), P(1, 1m)])).Message);
    }

    [Fact]
    public void Allocate_SeveralErrors_ListsThemAll()
    {
        var error = Assert.Throws<BillingValidationException>(
            () => PublicAreaSharing.Allocate(SharingKey.FixedRatio, -1m, [P(1, 0.5m), P(1, 0.2m)], -2m));

        Assert.Equal(4, error.Errors.Count);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12345)]
    [InlineData(99991)]
    public void Allocate_RandomPoolsAndKeys_SumExactlyWithinAFenAndOrderIndependent(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 2000; run++)
        {
            var key = (SharingKey)random.Next(0, 4);
            var n = random.Next(1, 40);
            var pool = random.Next(0, 3) == 0 ? random.Next(0, 100) / 100m : random.NextInt64(0, 10_000_000_000) / 100m;
            var loss = random.Next(0, 3) == 0 ? Fen.Floor(pool * random.Next(0, 100) / 1000m) : 0m;
            var ids = Enumerable.Range(1, 1000).OrderBy(_ => random.Next()).Take(n).ToArray();
            var participants = key switch
            {
                SharingKey.FixedRatio => Ratios(random, ids),
                SharingKey.LeasedArea => ids.Select(id => P(id, random.Next(1, 5_000_000) / 100m)).ToArray(),
                SharingKey.Consumption => ids.Select(id => P(id, random.Next(0, 3) == 0 ? 0m : random.NextInt64(0, 100_000_000_000) / 10_000m)).ToArray(),
                _ => ids.Select(id => P(id, 0m)).ToArray(),
            };
            if (key == SharingKey.Consumption && participants.All(p => p.KeyValue == 0))
            {
                participants[0] = P(participants[0].TenantId, 1m);
            }

            var result = PublicAreaSharing.Allocate(key, pool, participants, loss);

            Assert.Equal(pool - loss, result.Parts.Sum(p => p.Amount));
            var sum = key == SharingKey.EqualSplit ? n : participants.Sum(p => p.KeyValue);
            foreach (var (part, participant) in result.Parts.Zip(participants))
            {
                Assert.Equal(participant.TenantId, part.TenantId);
                Assert.True(Fen.IsWhole(part.Amount));
                Assert.True(part.Amount >= 0);
                var exact = (pool - loss) * (key == SharingKey.EqualSplit ? 1m : participant.KeyValue) / sum;
                Assert.True(Math.Abs(part.Amount - exact) < 0.01m, $"{part.Amount} vs exact {exact}");
            }

            // Largest remainder: every tenant that got the extra fen dropped at least as large a fraction as any that did not.
            if (key != SharingKey.EqualSplit)
            {
                var poolFen = (pool - loss) * 100m;
                var dropped = participants.Select((p, i) =>
                {
                    var fen = result.Parts[i].Amount * 100m;
                    var bumped = fen * sum > poolFen * p.KeyValue;
                    var floor = bumped ? fen - 1 : fen;
                    return (Bumped: bumped, Remainder: (poolFen * p.KeyValue) - (floor * sum));
                }).ToArray();
                if (dropped.Any(d => d.Bumped) && dropped.Any(d => !d.Bumped))
                {
                    Assert.True(dropped.Where(d => d.Bumped).Min(d => d.Remainder) >= dropped.Where(d => !d.Bumped).Max(d => d.Remainder));
                }
            }

            var shuffled = participants.OrderBy(_ => random.Next()).ToArray();
            var again = PublicAreaSharing.Allocate(key, pool, shuffled, loss);
            Assert.Equal(
                result.Parts.OrderBy(p => p.TenantId).Select(p => p.Amount),
                again.Parts.OrderBy(p => p.TenantId).Select(p => p.Amount));
        }
    }

    private static SharingParticipant[] Ratios(Random random, int[] ids)
    {
        // Random ratios of up to 6 decimals summing to exactly 1.
        var weights = ids.Select(_ => (long)random.Next(0, 1000)).ToArray();
        var total = Math.Max(1, weights.Sum());
        var micro = weights.Select(w => w * 1_000_000 / total).ToArray();
        micro[0] += 1_000_000 - micro.Sum();
        return ids.Select((id, i) => P(id, micro[i] / 1_000_000m)).ToArray();
    }
}
