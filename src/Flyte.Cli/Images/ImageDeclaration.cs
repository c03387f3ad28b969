using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Flyte.Images;

namespace Flyte.Cli.Images;

/// <summary>The task image an assembly declares with <see cref="TaskImageAttribute"/>, if any.</summary>
internal static class ImageDeclaration
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The CLI reads the user's assembly by reflection; it is not trimmed.")]
    public static Image? Find(Assembly assembly)
    {
        var declared = assembly.GetExportedTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Static))
            .Where(property => property.IsDefined(typeof(TaskImageAttribute), inherit: false))
            .ToList();
        if (declared.Count > 1)
        {
            throw new UsageException($"{assembly.GetName().Name} declares {declared.Count} task images ({string.Join(", ", declared.Select(p => $"{p.DeclaringType!.Name}.{p.Name}"))}); keep one [TaskImage]");
        }
        if (declared.Count == 0)
        {
            return null;
        }
        var property = declared[0];
        if (property.PropertyType != typeof(Image))
        {
            throw new UsageException($"[TaskImage] {property.DeclaringType!.Name}.{property.Name} is a {property.PropertyType.Name}, not a Flyte.Images.Image");
        }
        try
        {
            return (Image?)property.GetValue(null) ?? throw new UsageException($"[TaskImage] {property.DeclaringType!.Name}.{property.Name} is null");
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException argument)
        {
            throw new UsageException($"[TaskImage] {property.DeclaringType!.Name}.{property.Name}: {argument.Message}", argument);
        }
    }
}
