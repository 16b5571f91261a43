import Foundation
import OneWindowCore

extension BundledFiles {
    public static var exercisesDirectory: URL { directory("exercises") }

    /// The training exercises, one per file in `Resources/exercises/`, in their list order. A file that
    /// does not decode or validate is named in the error: an instructor's typo must not pass silently.
    public static func exercises() throws -> [Exercise] {
        let files = try FileManager.default.contentsOfDirectory(at: exercisesDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var seen: Set<String> = []
        let all = try files.map { url -> Exercise in
            let exercise: Exercise
            do {
                exercise = try JSONDecoder().decode(Exercise.self, from: Data(contentsOf: url))
            } catch {
                throw DomainError("error.exercise.file", texts: url.lastPathComponent, "\(error)")
            }
            try exercise.validate()
            guard seen.insert(exercise.id).inserted else {
                throw DomainError("error.exercise.duplicate", texts: exercise.id, url.lastPathComponent)
            }
            return exercise
        }
        return all.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
    }
}
