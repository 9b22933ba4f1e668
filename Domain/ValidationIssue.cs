namespace Prepaid.Domain;

/// <summary>
/// One broken rule in a form a page can translate: a stable <see cref="Code"/> (pages look up
/// <c>Config.Error.{Code}</c>), the values its text needs in order, and the English text used by logs, the
/// command line and as fallback when no translation exists.
/// </summary>
/// <param name="Code">Stable identifier of the rule, listed in <c>TariffIssueCodes.All</c> or <c>BillingIssueCodes.All</c>.</param>
/// <param name="Args">Values for the placeholders {0}, {1} ... of the localized text.</param>
/// <param name="English">The complete English message.</param>
public sealed record ValidationIssue(string Code, IReadOnlyList<object> Args, string English)
{
    /// <summary>Returns the English message.</summary>
    public override string ToString() => English;
}

/// <summary>Collects issues while a validator runs; the English texts stay exactly what they were.</summary>
public sealed class IssueList
{
    private readonly List<ValidationIssue> _issues = [];

    /// <summary>The issues collected so far, in order.</summary>
    public IReadOnlyList<ValidationIssue> Issues => _issues;

    /// <summary>How many issues were collected.</summary>
    public int Count => _issues.Count;

    /// <summary>Adds one issue.</summary>
    public void Add(string code, string english, params object[] args) => _issues.Add(new ValidationIssue(code, args, english));

    /// <summary>Adds issues found elsewhere (a nested rule).</summary>
    public void AddRange(IEnumerable<ValidationIssue> issues) => _issues.AddRange(issues);
}
