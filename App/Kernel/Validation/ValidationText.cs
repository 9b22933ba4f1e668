using System.Globalization;
using Microsoft.Extensions.Localization;
using Prepaid.Domain;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Kernel.Validation;

/// <summary>
/// Words inside a validation message (a noun such as "tariff", a phrase such as "address 5 on this bus"): localized
/// through <c>Config.Term.{Key}</c> with <see cref="Args"/> as its placeholders; <see cref="English"/> otherwise.
/// </summary>
public sealed record Term(string Key, string English, params object?[] Args)
{
    /// <summary>The English words, so that English messages (command line, logs) read as before.</summary>
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, English, [.. Args.Select(ValidationText.Invariant)]);
}

/// <summary>
/// Turns a coded validation message (<see cref="ConfigurationError"/>, <see cref="ValidationIssue"/>) into the reader's
/// language: the template from <c>Config.Error.{Code}</c>, and arguments that are words localized too, so that a
/// Chinese message never carries an English enum name: enum values through the page's own resource of that enum,
/// <see cref="Term"/>s through <c>Config.Term.{Key}</c>, numbers and dates invariant.
/// </summary>
public static class ValidationText
{
    // The resource prefix of each enum the pages already name (so a message says what the page's lists say).
    private static readonly Dictionary<Type, string> EnumPrefixes = new()
    {
        [typeof(PricingKind)] = "Tariffs.Kind.",
        [typeof(TouRate)] = "Tariffs.Rate.",
        [typeof(Commodity)] = "Tariffs.Commodity.",
        [typeof(TierPeriod)] = "Tariffs.TierPeriod.",
        [typeof(SharingKey)] = "Sharing.Key.",
        [typeof(PropertyFeeBasis)] = "Fees.Basis.",
        [typeof(BusinessType)] = "Config.Business.",
        [typeof(SerialParity)] = "Config.Parity.",
    };

    /// <summary>The resource key that names <paramref name="value"/> (types not listed use "{Type}.{Value}").</summary>
    public static string EnumKey(Enum value) =>
        (EnumPrefixes.TryGetValue(value.GetType(), out var prefix) ? prefix : value.GetType().Name + ".") + value;

    /// <summary>A configuration error in the reader's language; its English text when the code has no resource.</summary>
    public static string Describe(IStringLocalizer text, ConfigurationError error)
    {
        var template = text["Config.Error." + error.Code];
        if (template.ResourceNotFound)
        {
            return error.Message;
        }

        var field = error.FieldTerm is { } term ? Localize(text, term) : FieldName(text, error.Field);
        return Fill(text, template.Value.Replace("{field}", field.Replace("{", "{{").Replace("}", "}}"), StringComparison.Ordinal), error.Args);
    }

    /// <summary>A domain rule's issue in the reader's language; its English text when the code has no resource.</summary>
    public static string Describe(IStringLocalizer text, ValidationIssue issue)
    {
        var template = issue.Code.Length == 0 ? null : text["Config.Error." + issue.Code];
        return template is null || template.ResourceNotFound ? issue.English : Fill(text, template.Value, [.. issue.Args]);
    }

    /// <summary>One argument in the reader's language.</summary>
    public static string Localize(IStringLocalizer text, object? arg) => arg switch
    {
        null => "",
        Enum value => Found(text, EnumKey(value)) ?? value.ToString(),
        Term term => Found(text, "Config.Term." + term.Key) is { } words
            ? string.Format(CultureInfo.InvariantCulture, words, [.. term.Args.Select(a => Localize(text, a))])
            : term.ToString(),
        System.Collections.IEnumerable items and not string =>
            string.Join(Found(text, "Config.Term.ListSeparator") ?? ", ", items.Cast<object?>().Select(a => Localize(text, a))),
        _ => Invariant(arg),
    };

    /// <summary>A field (a template column) by its label where the pages have one, otherwise as the template names it.</summary>
    public static string FieldName(IStringLocalizer text, string field) =>
        field.Length == 0 ? field : Found(text, "Config.Field." + field) ?? field;

    internal static string Invariant(object? arg) => arg switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object?>().Select(Invariant)),
        _ => arg.ToString() ?? "",
    };

    private static string Fill(IStringLocalizer text, string template, IReadOnlyList<object?> args) =>
        string.Format(CultureInfo.InvariantCulture, template, [.. args.Select(a => Localize(text, a))]);

    private static string? Found(IStringLocalizer text, string key)
    {
        var value = text[key];
        return value.ResourceNotFound ? null : value.Value;
    }
}
