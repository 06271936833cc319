using System.Reflection;
using QueueActors.Actors.Runtime;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class KernelDependencyTests
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void The_kernel_uses_no_other_part_of_the_project()
    {
        var kernel = typeof(ActorSystem).Namespace!;
        var kernelTypes = typeof(ActorSystem).Assembly.GetTypes().Where(t => t.Namespace == kernel);

        var foreign = kernelTypes
            .SelectMany(type => TypesUsedBy(type).Select(used => (type, used)))
            .Where(pair => pair.used.Namespace is { } ns && ns.StartsWith("QueueActors", StringComparison.Ordinal) && ns != kernel)
            .Select(pair => $"{pair.type.Name} uses {pair.used.FullName}")
            .Distinct()
            .ToList();

        Assert.Empty(foreign);
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var used = new List<Type?> { type.BaseType };
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(Everything).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(Everything).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                used.Add(info.ReturnType);
            }

            used.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
        }

        return used.OfType<Type>().SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        var element = type.HasElementType ? type.GetElementType()! : type;
        yield return element;
        if (element.IsGenericType)
        {
            foreach (var argument in element.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }
}
