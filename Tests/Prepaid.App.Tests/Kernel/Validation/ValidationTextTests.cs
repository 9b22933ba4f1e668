using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Configuration;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Localization;
using Prepaid.Domain;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Kernel.Validation;

public sealed partial class ValidationTextTests
{
    // Every enum a validation message can name.
    private static readonly Type[] Enums =
    [
        typeof(TouRate), typeof(PricingKind), typeof(Commodity), typeof(TierPeriod), typeof(SharingKey), typeof(PropertyFeeBasis),
        typeof(MeterKind), typeof(MeterRole), typeof(MeterProfile), typeof(BillingMode), typeof(GatewayFraming), typeof(SerialParity),
        typeof(PublicLoadType), typeof(BusinessType),
    ];

    private static readonly HashSet<string> EnumNames = [.. Enums.SelectMany(Enum.GetNames)];

    private static IStringLocalizer Chinese()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
        return new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(Strings));
    }

    private static IEnumerable<string> EnglishEnumNames(string message) => Words().Matches(message).Select(m => m.Value).Where(EnumNames.Contains);

    public static TheoryData<Type> EnumTypes() => [.. Enums];

    [Theory]
    [MemberData(nameof(EnumTypes))]
    public void Describe_ChineseEveryIssueCodeWithEveryValueOfAnEnumAsEachArgument_NamesNoEnglishEnumName(Type type)
    {
        var text = Chinese();
        var problems = new List<string>();
        foreach (var (code, count) in TariffIssueCodes.All.Concat(BillingIssueCodes.All))
        {
            foreach (var value in Enum.GetValues(type).Cast<object>())
            {
                var message = ValidationText.Describe(text, new ValidationIssue(code, [.. Enumerable.Repeat(value, count)], "English"));
                problems.AddRange(EnglishEnumNames(message).Select(name => $"{code} with {type.Name}.{value}: '{name}' in {message}"));
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Describe_ChineseRealTariffIssuesNamingRatesAndKinds_ShowsTheChineseNames()
    {
        var text = Chinese();
        var tou = TariffPlanExamples.CommercialTou2026();
        var plan = tou with
        {
            Tiers = new TierSchedule { Period = TierPeriod.Monthly, Blocks = [new TierBlock { Price = 1m }] },
            Tou = tou.Tou! with
            {
                Rates = [new RatePrice { Rate = TouRate.Peak, Price = -1m }, new RatePrice { Rate = TouRate.Peak, Price = 1m }],
            },
        };

        var issues = plan.ValidateIssues();
        var messages = issues.Select(i => ValidationText.Describe(text, i)).ToList();

        Assert.Contains(issues, i => i.Code == "Tariff.Tou.RateTwice" && i.Args[0] is TouRate.Peak);
        Assert.Contains(issues, i => i.Code == "Tariff.Tou.RateUnpriced" && i.Args[3] is TouRate);
        Assert.Contains(issues, i => i.Code == "Tariff.KindForbidsTiers" && i.Args[0] is PricingKind.Tou);
        Assert.Contains("费率 峰 被定价了两次。", messages);
        Assert.Contains(messages, m => m.StartsWith("峰 费率的价格 -1", StringComparison.Ordinal));
        Assert.Contains("分时 方案不能有阶梯档位。", messages);
        Assert.All(messages, m => Assert.Empty(EnglishEnumNames(m)));
    }

    [Fact]
    public void Describe_ChineseMeterRulesAndDuplicateAddress_LocalizeEnumsTermsAndFields()
    {
        var text = Chinese();
        var edit = new MeterEdit
        {
            BusId = 1, UnitId = 5, SerialNumber = "SN-5", Name = "L2-015-E", Kind = MeterKind.Water, Role = MeterRole.PublicArea,
            Profile = MeterProfile.PrepaidSinglePhase, BillingMode = BillingMode.Meter, AccountId = 3, PublicLoad = PublicLoadType.Lift, TransformerId = 1,
        };
        var tariff = new Prepaid.Domain.Model.Tariff { Code = "E-TOU", Name = "E", Commodity = MeterKind.Electricity };

        var errors = ConfigurationRules.Check(edit, tariff).Append(new ConfigurationError("Address", "Duplicate", Terms.AddressOnThisBus(5), Terms.Meter("L2-016-E")))
            .Append(new ConfigurationError("", "NotFound", Terms.Bus, 9)).ToList();
        var messages = errors.Select(e => ValidationText.Describe(text, e)).ToList();

        Assert.Contains(errors, e => e.Code == "ProfileRole");
        Assert.Contains(errors, e => e.Code == "TariffCommodity");
        Assert.Contains("地址：本总线上的地址 5 已被 表“L2-016-E” 使用。", messages);
        Assert.Contains("不存在 id 为 9 的 总线。", messages);
        Assert.Contains(messages, m => m.Contains("单相预付费", StringComparison.Ordinal) && m.StartsWith("表型：", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Empty(EnglishEnumNames(m)));
        Assert.All(messages, m => Assert.DoesNotMatch("[A-Za-z]{3,}", m.Replace("E-TOU", "", StringComparison.Ordinal).Replace("L2-01", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Message_English_KeepsTheEnglishWordsOfTerms()
    {
        var error = new ConfigurationError("Address", "Duplicate", Terms.AddressOnPort(5, "GW-S1", 2), Terms.MeterWithSerial("L2-015-E", "SN1"));

        Assert.Equal("Address: address 5 on GW-S1 port 2 is already used by meter 'L2-015-E' (SN1).", error.Message);
    }

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex Words();
}
