using System.Globalization;

namespace Prepaid.App.Kernel.Validation;

/// <summary>
/// One specific reason why a configuration value is refused: the field (the template's column name), a code that
/// the pages localize as <c>Config.Error.{Code}</c> and the arguments of that text (enum values and <see cref="Term"/>s
/// are localized as well, see <see cref="ValidationText"/>).
/// </summary>
public sealed record ConfigurationError(string Field, string Code, IReadOnlyList<object?> Args)
{
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["Required"] = "{field} is required.",
        ["TooLong"] = "{field} is longer than {0} characters.",
        ["Range"] = "{field} must be between {0} and {1}; found {2}.",
        ["NotInSet"] = "{field} must be one of {0}; found '{1}'.",
        ["NotNumber"] = "{field} must be a number; found '{0}'.",
        ["NotWhole"] = "{field} must be a whole number; found '{0}'.",
        ["Decimals"] = "{field} allows at most {0} decimals; found {1}.",
        ["NotBoolean"] = "{field} must be yes or no; found '{0}'.",
        ["BadHost"] = "{field} is not a host name or IP address: '{0}'.",
        ["BadMobile"] = "{field} is not a phone number (digits, + and -, 5 to 32): '{0}'.",
        ["Unknown"] = "{field}: there is no {0} '{1}'.",
        ["Duplicate"] = "{field}: {0} is already used by {1}.",
        ["DuplicateInFile"] = "{field}: {0} is already on row {1} of this sheet.",
        ["ProfileKind"] = "{field}: profile {0} does not measure {1}.",
        ["ProfileRole"] = "{field}: a {0} meter needs one of the profiles {1}; found {2}.",
        ["BillingProfile"] = "{field}: meter billing needs a prepaid profile; {0} has none.",
        ["TariffCommodity"] = "{field}: tariff '{0}' prices {1}, the meter measures {2}.",
        ["AccountNeeded"] = "{field}: a tenant meter needs an account.",
        ["AccountNotAllowed"] = "{field}: a {0} meter draws on no account.",
        ["OnlyFor"] = "{field} only applies to a {0} meter.",
        ["InUse"] = "{field}: {0} cannot be deleted while {1}.",
        ["NotFound"] = "There is no {0} with id {1}.",
        ["MissingColumn"] = "{field}: the sheet has no column '{0}'.",
        ["MissingSheet"] = "The workbook has none of the sheets {0}.",
        ["Empty"] = "The file is empty.",
        ["NotSpreadsheet"] = "The file is not an .xlsx or .xls workbook ({0}).",
        ["TooBig"] = "The file has {0} bytes; the limit is {1}.",
        ["TooManyRows"] = "{field}: more than {0} rows; the limit is {0} per sheet.",
        ["NoSite"] = "No site is configured yet: name it on the configuration page (or give import --site NAME) first.",
        ["Conflict"] = "The database refused the change: {0}",
        ["NotTimeOfDay"] = "{field}: '{0}' is not a time of day HH:mm (for example 08:00).",
        ["NotMonthDay"] = "{field}: '{0}' is not a month-day MM-dd (for example 07-01).",
        ["NotAfterToday"] = "{field}: a new version must start after today ({1}); {0} is not. A version in force is never changed.",
        ["VersionStarted"] = "{field}: the version valid from {0} has already started and cannot be withdrawn.",
        ["TariffRule"] = "{0}",
        ["AlarmDefaultsOrder"] = "{field}: alarm amount 1 ({0}) must not be below alarm amount 2 ({1}).",
        ["AlarmOrder"] = "{field}: account {0} would have alarm amount 1 ({1}) below alarm amount 2 ({2}).",
    };

    public ConfigurationError(string field, string code, params object?[] args) : this(field, code, (IReadOnlyList<object?>)args)
    {
    }

    /// <summary>The field in words when it is not a plain column name (a segment of a day schedule); pages localize it.</summary>
    public Term? FieldTerm { get; init; }

    /// <summary>The English text when the code's text comes from elsewhere (a domain rule's own message).</summary>
    public string? EnglishText { get; init; }

    /// <summary>The English text (command line, logs, tests); pages use the localized resource of the code.</summary>
    public string Message => EnglishText ?? Format(English.GetValueOrDefault(Code, Code + " {field}"));

    /// <summary>A tariff rule broken by a plan: its code, arguments and English text as the domain reported them.</summary>
    public static ConfigurationError FromIssue(string field, Prepaid.Domain.ValidationIssue issue) =>
        new(field, issue.Code, issue.Args) { EnglishText = issue.English };

    /// <summary>Fills <paramref name="template"/> (with {field}, {0}, {1} ...) from this error.</summary>
    public string Format(string template) =>
        string.Format(CultureInfo.InvariantCulture, template.Replace("{field}", Field.Replace("{", "{{").Replace("}", "}}"), StringComparison.Ordinal),
            [.. Args.Select(ValidationText.Invariant)]);

    public override string ToString() => Message;
}

/// <summary>A change refused for one or more specific reasons; nothing was written.</summary>
public sealed class ConfigurationValidationException(IReadOnlyList<ConfigurationError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public ConfigurationValidationException(ConfigurationError error) : this([error])
    {
    }

    public IReadOnlyList<ConfigurationError> Errors { get; } = errors;
}
