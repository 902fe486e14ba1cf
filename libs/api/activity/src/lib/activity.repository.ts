import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The one question this feature asks of the tasks table. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async taskBelongsTo(taskId: string, ownerId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM tasks WHERE id = $1 AND owner_id = $2', [taskId, ownerId]);
    return rows.length > 0;
  }
}
