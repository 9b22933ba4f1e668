namespace Prepaid.App.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<History.DemoHistory>();
        services.AddSingleton<Prepaid.App.Kernel.Hosting.DemoHistoryGate>();
        return services;
    }
}
