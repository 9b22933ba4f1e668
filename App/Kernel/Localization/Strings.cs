namespace Prepaid.App.Kernel.Localization;

/// <summary>Marker type for the shared UI resources Strings.resx (English) and Strings.zh-CN.resx.</summary>
public sealed class Strings;
