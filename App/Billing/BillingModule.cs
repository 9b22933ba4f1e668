using Prepaid.App.Billing.Collection;
using Prepaid.App.Billing.FeeArrears;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Billing.Platform;
using Prepaid.App.Billing.Relay;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Scheduling;

namespace Prepaid.App.Billing;

/// <summary>Prepaid control on top of the ledger: platform billing, the relay policy, meter billing (recharge
/// delivery, settings push, nightly reconciliation) and the fee-arrears trips of meter-billed shops.</summary>
public sealed class BillingModule : IFeatureModule
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapShopsToCallExport();

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlatformBillingOptions>().Bind(configuration.GetSection(PlatformBillingOptions.SectionName))
            .Validate(o => o.IsValid, "PlatformBilling: Period must be positive and MaxIntervalsPerMeter at least 1.").ValidateOnStart();
        services.AddOptions<RelayPolicyOptions>().Bind(configuration.GetSection(RelayPolicyOptions.SectionName))
            .Validate(o => o.IsValid, "RelayPolicy: periods must be positive, OverPowerCoolDown positive or empty, Workers 1 to 64.").ValidateOnStart();
        services.AddOptions<MeterBillingOptions>().Bind(configuration.GetSection(MeterBillingOptions.SectionName))
            .Validate(o => o.IsValid, "MeterBilling: periods must be positive, MinimumSplitShare 0 to 0.5, tolerances not negative, ReconciliationCron a Quartz cron.").ValidateOnStart();

        services.AddOptions<FeeArrearsOptions>().Bind(configuration.GetSection(FeeArrearsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<FeeArrearsOptions>, FeeArrearsOptionsValidator>();

        services.AddSingleton<PlatformBiller>();
        services.AddHostedService<PlatformBillingService>();
        services.AddSingleton<RelayPolicyEvaluator>();
        services.AddSingleton<RelayPolicyService>();
        services.AddHostedService(sp => sp.GetRequiredService<RelayPolicyService>());
        services.AddSingleton<RechargeDeliveryService>();
        services.AddSingleton<IStartupTask, MeterPurchaseBackfill>();
        services.AddSingleton<IPaymentPlanner, PaymentPlanner>();
        services.AddSingleton<ICommandAlarmOwner, DeliveryCommandAlarms>();
        services.AddSingleton<MeterBillingNoticeService>();
        services.AddSingleton<MeterSettingsPusher>();
        services.AddSingleton<MeterReconciler>();
        services.AddSingleton<DiscrepancyQuery>();
        services.AddSingleton(sp => new BillingStartTime(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddHostedService<MeterBillingHostedService>();
        services.AddSingleton<FeeArrearsEvaluator>();
        services.AddHostedService<FeeArrearsService>();
        services.AddSingleton<ShopsToCallQuery>();
        var cron = configuration.GetSection(MeterBillingOptions.SectionName).Get<MeterBillingOptions>()?.ReconciliationCron ?? new MeterBillingOptions().ReconciliationCron;
        services.AddSiteCronJob<ReconciliationJob>(ReconciliationJob.Name, cron, catchUpOnStart: true);
    }
}
