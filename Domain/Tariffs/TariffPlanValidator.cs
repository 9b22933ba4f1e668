namespace Prepaid.Domain.Tariffs;

/// <summary>The rules of a plan version. Messages count segments, seasons and blocks from 1, as operators do.</summary>
internal static class TariffPlanValidator
{
    public static IReadOnlyList<ValidationIssue> Validate(TariffPlan plan)
    {
        var errors = new IssueList();
        if (string.IsNullOrWhiteSpace(plan.Name))
        {
            errors.Add("Tariff.NoName", "The plan has no name.");
        }

        CheckKindParts(plan, errors);
        if (plan.FlatPrice is { } flat)
        {
            PriceRules.Check(flat, "The flat price", errors, "Tariff.FlatPrice");
        }

        if (plan.Tou is not null)
        {
            TouScheduleValidator.Validate(plan.Tou, errors);
        }

        if (plan.Tiers is not null)
        {
            TierScheduleValidator.Validate(plan.Tiers, plan.Kind, errors);
        }

        return errors.Issues;
    }

    private static void CheckKindParts(TariffPlan plan, IssueList errors)
    {
        var (needsFlat, needsTou, needsTiers) = plan.Kind switch
        {
            PricingKind.Flat => (true, false, false),
            PricingKind.Tou => (false, true, false),
            PricingKind.Tiered => (false, false, true),
            PricingKind.TouTiered => (false, true, true),
            _ => (false, false, false),
        };
        if (!Enum.IsDefined(plan.Kind))
        {
            errors.Add("Tariff.UnknownKind", $"Unknown plan kind {(int)plan.Kind}.", (int)plan.Kind);
            return;
        }

        Require(plan.FlatPrice is not null, needsFlat, "a flat price", "Flat", plan.Kind, errors);
        Require(plan.Tou is not null, needsTou, "a TOU schedule", "Tou", plan.Kind, errors);
        Require(plan.Tiers is not null, needsTiers, "tier blocks", "Tiers", plan.Kind, errors);
    }

    private static void Require(bool present, bool needed, string part, string partCode, PricingKind kind, IssueList errors)
    {
        if (needed && !present)
        {
            errors.Add("Tariff.KindNeeds" + partCode, $"A {kind} plan needs {part}.", kind);
        }
        else if (!needed && present)
        {
            errors.Add("Tariff.KindForbids" + partCode, $"A {kind} plan must not have {part}.", kind);
        }
    }
}
