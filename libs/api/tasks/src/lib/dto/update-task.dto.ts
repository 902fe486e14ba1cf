import { PartialType } from '@nestjs/swagger';
import { CreateTaskDto } from './create-task.dto';

/**
 * Every field optional; an absent field is left as it is. `skipNullProperties: false` keeps
 * `null` subject to the rules, so only `dueDate` can be cleared with null.
 */
export class UpdateTaskDto extends PartialType(CreateTaskDto, { skipNullProperties: false }) {}
