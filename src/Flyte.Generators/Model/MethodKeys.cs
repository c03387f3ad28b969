namespace Flyte.Generators.Model;

/// <summary>How the generator names a task method's generated parts, unique in the compilation by construction.</summary>
internal static class MethodKeys
{
    /// <summary>The class, nested in the user's class, that holds the definitions of its tasks.</summary>
    public const string DefinitionsClassName = "FlyteTaskDefinitions";

    /// <summary>One method among all: its type's metadata name, its name and its parameter types.</summary>
    public static string Of(string containerMetadataName, string methodName, string signature) =>
        Overloads(containerMetadataName, methodName) + signature;

    /// <summary>What a method's overloads share: its type's metadata name and its name.</summary>
    public static string Overloads(string containerMetadataName, string methodName) => containerMetadataName + "." + methodName;

    /// <summary>
    /// The generated definition class of a task: in <see cref="DefinitionsClassName"/> of the user's class, named after
    /// the method. Unique by construction (C# member names are unique in a class; overloads are FLY005 and only the first
    /// is generated); the suffix keeps the class's name apart from its own members (a task named <c>Instance</c> must not
    /// make a class <c>Instance</c> with a member <c>Instance</c>).
    /// </summary>
    public static string DefinitionClassName(string methodName) => methodName + "Task";

    public static string DefinitionTypeName(string containingTypeFullName, string methodName) =>
        $"{containingTypeFullName}.{DefinitionsClassName}.{DefinitionClassName(methodName)}";
}
